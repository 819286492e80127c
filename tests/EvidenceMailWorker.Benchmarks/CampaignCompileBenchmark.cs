using System.Diagnostics;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Benchmarks;

// compile [units] [clusters]: validation and matcher compilation for a province-sized campaign
// (default 1,500 units in 40 clusters, 60 criteria over two tracks with repeated codes, numbered wards
// and prefixed names), then matching throughput over generated file names. Both run once per config
// version (at start and after an edit), so they must stay well under a second. Prints, never asserts.
public static class CampaignCompileBenchmark
{
    private static readonly string[] Syllables =
        ["Tân", "Hòa", "Long", "Thạnh", "Vĩnh", "Phú", "An", "Bình", "Ngọc", "Mỹ", "Thuận", "Lợi", "Hưng", "Đông", "Tây", "Sơn", "Lộc", "Phước", "Hiệp", "Thới"];
    private static readonly string[] Prefixes = ["Đoàn xã", "Đoàn phường", "Chi đoàn", "Đoàn trường THCS", "Đoàn thị trấn", "Xã đoàn"];

    public static int Run(int unitCount, int clusterCount)
    {
        var campaign = Province(unitCount, clusterCount);
        // The way every verb meets the campaign: JSON on disk, bound and validated by the loader.
        var folder = Path.Combine(Path.GetTempPath(), $"compile-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "campaign.json"), System.Text.Json.JsonSerializer.Serialize(new { Campaign = campaign }));
        var load = Stopwatch.StartNew();
        var configuration = ConfigurationLoader.Build(folder, [], reloadOnChange: false);
        var built = load.Elapsed;
        var bound = CampaignReader.Read(configuration, out var loadProblems);
        var read = load.Elapsed - built;
        var all = ConfigurationProblems.Find(configuration);
        var found = load.Elapsed - built - read;
        Directory.Delete(folder, recursive: true);
        Console.WriteLine($"from JSON: build configuration {built.TotalMilliseconds:F0} ms, bind + validate the campaign {read.TotalMilliseconds:F0} ms ({loadProblems.Count} problems, {bound.Units.Count} units), all problems {found.TotalMilliseconds:F0} ms ({all.Count})");
        var watch = Stopwatch.StartNew();
        var problems = CampaignValidator.Validate(campaign);
        var validate = watch.Elapsed;
        watch.Restart();
        var matcher = new CampaignMatcher(campaign);
        var compile = watch.Elapsed;

        var random = new Random(7);
        var files = Enumerable.Range(0, 20_000).Select(i =>
        {
            var unit = campaign.Units[random.Next(campaign.Units.Count)];
            var code = campaign.Criteria[random.Next(campaign.Criteria.Count)].Code;
            return new FileToMatch($"TC {code} - Kế hoạch - {unit.Name[(unit.Name.IndexOf(' ') + 1)..]} - ảnh {i}.jpg");
        }).ToList();
        watch.Restart();
        var named = 0;
        foreach (var batch in files.Chunk(10))
        {
            var match = matcher.Match(new MessageToMatch("Cụm 3 gửi minh chứng công tác Đoàn", DateTimeOffset.UnixEpoch, campaign.Units[0].Id, batch));
            named += match.Files.Count(f => f.Units.Count > 0);
        }
        var matching = watch.Elapsed;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        Console.WriteLine($"campaign: {campaign.Units.Count} units, {campaign.Clusters.Count} clusters, {campaign.Criteria.Count} criteria; {problems.Count} validation problems");
        Console.WriteLine($"validate {validate.TotalMilliseconds:F0} ms, compile matcher {compile.TotalMilliseconds:F0} ms");
        Console.WriteLine($"match {files.Count} file names in {matching.TotalMilliseconds:F0} ms ({files.Count / matching.TotalSeconds:F0} files/s); {named} named a unit; peak working set {peak:F0} MiB");
        return 0;
    }

    private static CampaignOptions Province(int unitCount, int clusterCount)
    {
        var c = new CampaignOptions
        {
            Year = 2025,
            Organization = "Tỉnh đoàn Kiên Giang",
            Mailbox = "tinhdoan@example.org",
            Office = new OfficeOptions { Recipients = ["vanphong@example.org"] },
            Tracks = [new TrackOptions { Id = "doan", Name = "Đoàn", Keywords = ["đoàn"] }, new TrackOptions { Id = "hoi", Name = "Hội", Keywords = ["hội"] }],
            Periods = [new PeriodOptions { Id = "p1", Name = "6 tháng", Deadline = "2025-06-10T00:00:00+07:00" }],
        };
        var names = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(1);
        for (var i = 0; c.Units.Count < unitCount; i++)
        {
            var name = i % 10 == 0
                ? $"Đoàn phường {i / 10 + 1}"
                : $"{Prefixes[random.Next(Prefixes.Length)]} {Syllables[random.Next(Syllables.Length)]} {Syllables[random.Next(Syllables.Length)]} {Syllables[random.Next(Syllables.Length)]}";
            if (names.Add(name))
                c.Units.Add(new UnitOptions { Id = $"u{c.Units.Count}", Name = name, Emails = [$"u{c.Units.Count}@example.org"] });
        }
        for (var k = 0; k < clusterCount; k++)
        {
            var members = c.Units.Where((_, i) => i % clusterCount == k).Select(u => u.Id).ToList();
            c.Clusters.Add(new ClusterOptions { Id = $"cum-{k + 1}", Name = $"Cụm {k + 1}", Leader = members[0], Deputy = members[1], Units = members });
        }
        string[] forms = ["{0}.{1}", "{0}.{1}a", "H{0}.{1}", "II.{1}"];
        for (var i = 0; i < 60; i++)
            c.Criteria.Add(new CriterionOptions
            {
                Track = i < 40 ? "doan" : "hoi",
                Code = i < 40 ? string.Format(forms[i % 3], i / 8 + 1, i % 8 + 1) : $"{(i - 40) / 5 + 1}.{(i - 40) % 5 + 1}",
                Name = $"Tiêu chí {i}",
                Points = 5,
                Keywords = [$"từ khóa {i}"],
            });
        return c;
    }
}
