using System.Diagnostics;
using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvidenceMailWorker.Benchmarks;

// report [clusters] [units] [criteria] [items]: a province-sized synthetic campaign (default 40
// clusters, 1,500 units, 60 criteria, 100,000 evidence items in one period) stored in SQLite, then
// the real CLI's `report --format xlsx` timed as a child process with its peak working set (VmHWM),
// and the in-process phases (read, build, write) timed separately. Prints figures, asserts nothing.
public static class ReportBenchmark
{
    private const string Period = "2024-6t";

    public static async Task<int> RunAsync(int clusters, int units, int criteria, int items)
    {
        var work = Path.Combine(Path.GetTempPath(), $"report-bench-{Guid.NewGuid():N}");
        var configDir = Path.Combine(work, "config");
        Directory.CreateDirectory(configDir);
        try
        {
            var campaign = Campaign(clusters, units, criteria);
            await WriteConfigAsync(configDir, campaign, Path.Combine(work, "data"));
            var dbPath = Path.Combine(work, "data", "evidence.db");
            Directory.CreateDirectory(Path.GetDirectoryName(dbPath)!);
            var seed = Stopwatch.StartNew();
            await SeedAsync(dbPath, campaign, items);
            Console.WriteLine($"campaign: {clusters} clusters, {units} units, {criteria} criteria; {items:N0} evidence items stored in {seed.Elapsed.TotalSeconds:F1} s");

            var database = new Database(DatabaseProvider.Sqlite, $"Data Source={dbPath}");
            var read = Stopwatch.StartNew();
            var submissions = await new SubmissionQueries(database).ListAsync(new SubmissionFilter(Status: "accepted", Period: Period), CancellationToken.None);
            read.Stop();
            var build = Stopwatch.StartNew();
            var report = ReportBuilder.Build(campaign, submissions, new ReportScope(Period), DateTimeOffset.UtcNow);
            build.Stop();
            var chart = Stopwatch.StartNew();
            var charts = report.Tracks.ToDictionary(t => t.Track.Id, t => ReportChart.Png(report, t));
            chart.Stop();
            var write = Stopwatch.StartNew();
            var xlsx = Path.Combine(work, "in-process.xlsx");
            await using (var file = File.Create(xlsx))
                ReportWorkbook.Write(file, report, campaign, charts);
            write.Stop();
            Console.WriteLine($"in-process: read {read.Elapsed.TotalMilliseconds:F0} ms, build {build.Elapsed.TotalMilliseconds:F0} ms, " +
                $"{charts.Count} charts {chart.Elapsed.TotalMilliseconds:F0} ms, workbook {write.Elapsed.TotalMilliseconds:F0} ms ({new FileInfo(xlsx).Length / 1048576.0:F1} MB xlsx)");
            await database.DisposeAsync();

            for (var round = 1; round <= 3; round++)
            {
                var (seconds, peakMb, exit) = await RunCliAsync(configDir, "report", "--period", Period, "--format", "xlsx", "--out", Path.Combine(work, $"cli-{round}.xlsx"));
                Console.WriteLine($"CLI `report --period {Period} --format xlsx` round {round}: {seconds:F2} s wall, peak working set {peakMb:F0} MB, exit {exit}");
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            // EVIDENCEMAIL_BENCH_KEEP=1 leaves the campaign and database for profiling by hand.
            if (Environment.GetEnvironmentVariable("EVIDENCEMAIL_BENCH_KEEP") == "1")
                Console.WriteLine($"kept {work}");
            else
                Directory.Delete(work, recursive: true);
        }
    }

    internal static async Task<(double Seconds, double PeakMb, int Exit)> RunCliAsync(string configDir, params string[] verb)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "EvidenceMailWorker.dll"), .. verb, "--config-dir", configDir])
            info.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        // VmHWM is the kernel's own high-water mark of resident memory; polled until exit.
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, HighWaterKb(process.Id));
            await Task.Delay(20);
        }
        watch.Stop();
        await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
            Console.Error.WriteLine(errors);
        return (watch.Elapsed.TotalSeconds, peakKb / 1024.0, process.ExitCode);
    }

    private static long HighWaterKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    internal static CampaignOptions Campaign(int clusterCount, int unitCount, int criteriaCount)
    {
        var campaign = new CampaignOptions
        {
            Year = 2024,
            Organization = "Tỉnh đoàn Thử nghiệm",
            Mailbox = "tinhdoan@example.org",
            Office = new OfficeOptions { Recipients = ["vanphong@example.org"] },
            Tracks =
            [
                new TrackOptions { Id = "doan", Name = "Công tác Đoàn và phong trào thanh thiếu nhi", AwardedBy = "Ban Thường vụ", Keywords = ["đoàn"] },
                new TrackOptions { Id = "hoi", Name = "Công tác Hội và phong trào thanh niên", AwardedBy = "Ủy ban Hội", Keywords = ["hội"] },
            ],
            Periods =
            [
                new PeriodOptions { Id = Period, Name = "6 tháng đầu năm 2024", Deadline = "2024-06-10T00:00:00+07:00", Aliases = ["6 tháng"] },
                new PeriodOptions { Id = "2024-nam", Name = "Tổng kết năm 2024", Deadline = "2024-10-10T00:00:00+07:00", Aliases = ["tổng kết"] },
            ],
            Awards =
            [
                new AwardOptions { Track = "doan", Kind = "Cluster", Title = "Cụm dẫn đầu", PrizeVnd = 1_000_000 },
                new AwardOptions { Track = "doan", Kind = "ClusterLeader", Title = "Cụm trưởng xuất sắc", PrizeVnd = 500_000 },
            ],
        };
        for (var u = 0; u < unitCount; u++)
            campaign.Units.Add(new UnitOptions { Id = $"u{u}", Name = $"Xã Thạnh Hòa Ngọc Chúc {u}", Emails = [$"u{u}@example.org"] });
        for (var c = 0; c < clusterCount; c++)
        {
            var members = Enumerable.Range(0, unitCount).Where(u => u % clusterCount == c).Select(u => $"u{u}").ToList();
            campaign.Clusters.Add(new ClusterOptions
            {
                Id = $"cum-{c + 1}",
                Name = $"Cụm {c + 1}",
                Aliases = [$"cụm số {c + 1}"],
                Leader = members[0],
                Deputy = members[1],
                Units = members,
                Supervisor = new SupervisorOptions { Name = $"Phụ trách cụm {c + 1}", Email = $"btv{c + 1}@example.org" },
            });
        }
        for (var k = 0; k < criteriaCount; k++)
        {
            var doan = k < criteriaCount * 3 / 5;
            campaign.Criteria.Add(new CriterionOptions
            {
                Track = doan ? "doan" : "hoi",
                Code = doan ? $"{k / 10 + 1}.{k % 10 + 1}" : $"H{k / 10 + 1}.{k % 10 + 1}",
                Name = $"Tiêu chí thi đua số {k + 1} về phong trào thanh niên",
                Points = 3 + k % 6,
                Scope = k % 15 == 14 ? "Cluster" : "Unit",
                Evidence = "Kế hoạch, báo cáo, hình ảnh",
            });
        }
        return campaign;
    }

    internal static async Task WriteConfigAsync(string configDir, CampaignOptions campaign, string dataDir)
    {
        Directory.CreateDirectory(configDir);
        await File.WriteAllTextAsync(Path.Combine(configDir, "campaign.json"),
            JsonSerializer.Serialize(new Dictionary<string, CampaignOptions> { ["Campaign"] = campaign }));
        await File.WriteAllTextAsync(Path.Combine(configDir, "appsettings.json"),
            JsonSerializer.Serialize(new { Storage = new { DataDirectory = dataDir } }));
    }

    internal static async Task SeedAsync(string dbPath, CampaignOptions campaign, int items)
    {
        var database = new Database(DatabaseProvider.Sqlite, $"Data Source={dbPath}");
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        const string Blob = "0000000000000000000000000000000000000000000000000000000000000000";
        await connection.ExecuteAsync("INSERT INTO blobs (sha256, size, content, created_at) VALUES (@Blob, 1, x'00', '2024-01-01 00:00:00')", new { Blob }, transaction);
        var random = new Random(42);
        const int PerMessage = 5;
        var start = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var unitCodes = campaign.Criteria.Where(c => c.Scope == "Unit").ToList();
        var clusterCodes = campaign.Criteria.Where(c => c.Scope == "Cluster").ToList();
        for (var m = 0; m < items / PerMessage; m++)
        {
            var cluster = campaign.Clusters[random.Next(campaign.Clusters.Count)];
            var unit = cluster.Units[random.Next(cluster.Units.Count)];
            var at = start.AddMinutes(random.Next(60 * 24 * 45));
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO messages (content_key, message_id, raw_sha256, raw_size, source, received_at, ingested_at, from_address, subject,
                                      status, cluster_id, unit_id, track_id, period_id, late)
                VALUES (@Key, @MessageId, @Blob, 1, 'bench', @At, @At, @From, 'Cụm gửi minh chứng', 'accepted', @Cluster, @Unit, @Track, @Period, @Late)
                RETURNING id
                """,
                new
                {
                    Key = $"k{m}",
                    MessageId = $"<m{m}@example.org>",
                    Blob,
                    At = SqliteTime.Format(at),
                    From = $"{unit}@example.org",
                    Cluster = cluster.Id,
                    Unit = unit,
                    Track = m % 3 == 0 ? "hoi" : "doan",
                    Period = Period,
                    Late = at >= new DateTime(2024, 6, 9, 17, 0, 0, DateTimeKind.Utc),
                }, transaction);
            for (var a = 0; a < PerMessage; a++)
            {
                var criterion = random.Next(20) == 0 ? clusterCodes[random.Next(clusterCodes.Count)] : unitCodes[random.Next(unitCodes.Count)];
                var forUnit = cluster.Units[random.Next(cluster.Units.Count)];
                await connection.ExecuteAsync(
                    """
                    INSERT INTO attachments (message_id, ordinal, file_name, original_file_name, content_type, detected_type, size, sha256, criteria, units)
                    VALUES (@Id, @Ordinal, @Name, @Name, 'application/pdf', 'application/pdf', @Size, @Blob, @Criteria, @Units)
                    """,
                    new
                    {
                        Id = id,
                        Ordinal = a,
                        Name = $"TC {criterion.Code} - Báo cáo kết quả số {m}-{a}.pdf",
                        Size = 10_000 + random.Next(2_000_000),
                        Blob,
                        Criteria = $"[\"{criterion.Code}\"]",
                        Units = criterion.Scope == "Cluster" ? "[]" : $"[\"{forUnit}\"]",
                    }, transaction);
            }
        }
        await transaction.CommitAsync();
        await database.DisposeAsync();
    }
}
