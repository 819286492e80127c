using System.IO.Compression;
using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Reports.Export;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Reports;

// Report and export over a real database of each provider.
public sealed class StoredReportTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Report_from_stored_submissions_has_the_hand_computed_ranks_and_scores(DatabaseProvider provider)
    {
        await using var data = await StoredReportData.CreateAsync(provider);
        var campaign = ReportCampaign.Create();
        await data.AddReportCampaignAsync(campaign);
        // A quarantined message counts for nothing.
        await data.AddAsync("u15", "c8", "doan", "p1", false, ReportCampaign.GeneratedAt, [new("TC A.pdf", [1, 2, 3], ["A"], ["u15"])], status: "quarantined");

        var report = ReportBuilder.Build(campaign, await data.AllAsync(), new ReportScope("p1", "doan"), ReportCampaign.GeneratedAt);
        var doan = Assert.Single(report.Tracks);
        Assert.Equal(
            [("c1", 1, 100.0m), ("c2", 2, 80.0m), ("c3", 3, 80.0m), ("c4", 4, 50.0m), ("c5", 5, 50.0m), ("c6", 6, 25.0m), ("c7", 6, 25.0m), ("c8", 8, 0.0m)],
            doan.Clusters.Select(c => (c.Cluster.Id, c.Rank, c.Score)));
        Assert.Equal(new DateTime(2024, 6, 5, 1, 0, 0, DateTimeKind.Utc), doan.Clusters[0].FirstAtUtc);
        Assert.Equal("c1", doan.Proposal.LeadingCluster);

        var json = new MemoryStream();
        ReportJson.Write(json, report);
        var text = Encoding.UTF8.GetString(json.ToArray());
        Assert.Contains("\"firstAt\": \"2024-06-05T08:00:00+07:00\"", text);
        Assert.Contains("\"view\": \"period\"", text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Zip_export_entries_equal_the_files_as_sent_under_flagged_Vietnamese_names(DatabaseProvider provider)
    {
        await using var data = await StoredReportData.CreateAsync(provider);
        var campaign = ExportCampaign();
        var plan = new byte[5000];
        new Random(1).NextBytes(plan);
        var photo = new byte[70_000];
        new Random(2).NextBytes(photo);
        var otherPlan = Encoding.UTF8.GetBytes("another plan, same name");
        await data.AddAsync("u1", "c1", "doan", "p1", false, new DateTimeOffset(2024, 6, 5, 8, 0, 0, TimeSpan.FromHours(7)),
        [
            new("TC A - Kế hoạch.pdf", plan, ["A"], ["u1"]),
            new("minh chung.zip", [], [], []), // sent as a zip of the two entries below
            new("ảnh hoạt động.jpg", photo, ["A", "C"], ["u1", "u2"], ArchivePath: "TC A/ảnh hoạt động.jpg"),
            new("ghi chú.txt", Encoding.UTF8.GetBytes("không mã"), [], [], ArchivePath: "ghi chú.txt"),
        ], [new("https://drive.google.com/file/d/abc", ["A"], ["u2"])]);
        await data.AddAsync("u1", "c1", "doan", "p1", false, new DateTimeOffset(2024, 6, 6, 8, 0, 0, TimeSpan.FromHours(7)),
        [
            new("TC A - Kế hoạch.pdf", otherPlan, ["A"], ["u1"]), // same name, other bytes → " (2)"
            new("TC A - Kế hoạch.pdf", plan, ["A"], ["u1"]), // same bytes again → written once
        ]);

        var entries = ExportPlan.Build(campaign, await data.AllAsync(), "p1");
        var zipPath = Path.Combine(data.Folder, "gói minh chứng.zip");
        var result = await new PackageWriter(data.Attachments).WriteAsync(zipPath, entries, campaign, "p1", ReportCampaign.GeneratedAt, null, CancellationToken.None);

        const string A = "doan - Công tác Đoàn/A - Học tập Nghị quyết/Cụm Thạnh Hòa";
        const string C = "doan - Công tác Đoàn/C - Hoạt động chung của cụm/Cụm Thạnh Hòa";
        string[] expected =
        [
            $"{A}/Xã Thạnh Hòa/TC A - Kế hoạch.pdf",
            $"{A}/Xã Thạnh Hòa/ảnh hoạt động.jpg",
            $"{A}/Xã Ngọc Chúc/ảnh hoạt động.jpg",
            $"{C}/ảnh hoạt động.jpg",
            "_chua-phan-loai/Cụm Thạnh Hòa/ghi chú.txt",
            $"{A}/Xã Ngọc Chúc/Liên kết drive.google.com.url",
            $"{A}/Xã Thạnh Hòa/TC A - Kế hoạch (2).pdf",
            "index.xlsx",
            "README.txt",
        ];
        Assert.False(File.Exists(zipPath + ".part"));
        await using (var zip = await ZipFile.OpenReadAsync(zipPath))
        {
            Assert.Equal(expected, zip.Entries.Select(e => e.FullName));
            foreach (var entry in entries)
            {
                var zipped = zip.GetEntry(entry.PackagePath)!;
                using var content = new MemoryStream();
                await using (var s = await zipped.OpenAsync())
                    await s.CopyToAsync(content);
                var want = entry.BlobSha256 is { } sha ? data.Sent(sha) : Encoding.UTF8.GetBytes(ExportPlan.Shortcut("https://drive.google.com/file/d/abc"));
                Assert.Equal(want, content.ToArray());
            }
        }
        Assert.Equal(7, result.Files);
        var names = ZipNames(zipPath);
        Assert.Equal(expected, names.Select(n => n.Name));
        Assert.All(names.Where(n => n.Name.Any(c => c > 127)), n => Assert.True(n.Utf8Flag, n.Name));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Folder_export_writes_Vietnamese_folders_and_a_failure_leaves_no_package(DatabaseProvider provider)
    {
        await using var data = await StoredReportData.CreateAsync(provider);
        var campaign = ExportCampaign();
        var content = Encoding.UTF8.GetBytes("báo cáo");
        await data.AddAsync("u2", "c1", "doan", "p1", true, new DateTimeOffset(2024, 6, 12, 8, 0, 0, TimeSpan.FromHours(7)),
            [new("TC A - Báo cáo.docx", content, ["A"], ["u2"])]);
        var entries = ExportPlan.Build(campaign, await data.AllAsync(), null);

        var folder = Path.Combine(data.Folder, "gói");
        await new PackageWriter(data.Attachments).WriteAsync(folder, entries, campaign, null, ReportCampaign.GeneratedAt, null, CancellationToken.None);
        var file = Path.Combine(folder, "doan - Công tác Đoàn", "A - Học tập Nghị quyết", "Cụm Thạnh Hòa", "Xã Ngọc Chúc", "TC A - Báo cáo.docx");
        Assert.Equal(content, await File.ReadAllBytesAsync(file));
        Assert.Contains("Cách sắp xếp thư mục", await File.ReadAllTextAsync(Path.Combine(folder, "README.txt")));
        Assert.True(PackageTargets.IsOccupied(folder));

        // A file that cannot be derived from its stored message stops the export half-way: no zip under the final name.
        var broken = entries.Append(entries[0] with { PackagePath = "x/missing.pdf", BlobSha256 = new string('0', 64) }).ToList();
        var zipPath = Path.Combine(data.Folder, "broken.zip");
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new PackageWriter(data.Attachments).WriteAsync(zipPath, broken, campaign, null, ReportCampaign.GeneratedAt, null, CancellationToken.None));
        Assert.False(File.Exists(zipPath));
        Assert.False(File.Exists(zipPath + ".part"));
    }

    // Cluster c1 = u1 "Xã Thạnh Hòa", u2 "Xã Ngọc Chúc"; doan: A (unit), C (cluster).
    private static CampaignOptions ExportCampaign() => new()
    {
        Year = 2024,
        Organization = "Huyện đoàn Thử",
        TimeZone = "Asia/Ho_Chi_Minh",
        Tracks = [new TrackOptions { Id = "doan", Name = "Công tác Đoàn" }],
        Periods = [new PeriodOptions { Id = "p1", Name = "6 tháng đầu năm 2024", Deadline = "2024-06-10T00:00:00+07:00" }],
        Units =
        [
            new UnitOptions { Id = "u1", Name = "Xã Thạnh Hòa" },
            new UnitOptions { Id = "u2", Name = "Xã Ngọc Chúc" },
        ],
        Clusters = [new ClusterOptions { Id = "c1", Name = "Cụm Thạnh Hòa", Leader = "u1", Deputy = "u2", Units = ["u1", "u2"] }],
        Criteria =
        [
            new CriterionOptions { Track = "doan", Code = "A", Name = "Học tập Nghị quyết", Points = 5, Scope = "Unit" },
            new CriterionOptions { Track = "doan", Code = "C", Name = "Hoạt động chung của cụm", Points = 2, Scope = "Cluster" },
        ],
    };

    // Reads the central directory (found through the end record, since a stored index.xlsx is a zip
    // inside the zip): each entry's name and whether general-purpose bit 11 (names are UTF-8) is set.
    private static List<(string Name, bool Utf8Flag)> ZipNames(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = bytes.Length - 22;
        while (BitConverter.ToUInt32(bytes, end) != 0x06054b50)
            end--;
        var count = BitConverter.ToUInt16(bytes, end + 10);
        var at = (int)BitConverter.ToUInt32(bytes, end + 16);
        var names = new List<(string, bool)>();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(0x02014b50u, BitConverter.ToUInt32(bytes, at));
            var flags = BitConverter.ToUInt16(bytes, at + 8);
            int nameLength = BitConverter.ToUInt16(bytes, at + 28), extra = BitConverter.ToUInt16(bytes, at + 30), comment = BitConverter.ToUInt16(bytes, at + 32);
            names.Add((Encoding.UTF8.GetString(bytes, at + 46, nameLength), (flags & 0x0800) != 0));
            at += 46 + nameLength + extra + comment;
        }
        return names;
    }
}
