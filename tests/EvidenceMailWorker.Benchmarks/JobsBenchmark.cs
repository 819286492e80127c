using System.Diagnostics;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Storage;
using Microsoft.Data.Sqlite;

namespace EvidenceMailWorker.Benchmarks;

// jobs [clusters] [units] [criteria] [items]: on the province-sized campaign of ReportBenchmark (default
// 40 clusters, 1,500 units, 60 criteria, 100,000 evidence items), all reminders and one digest planned
// in process (read, plan), then the real CLI's `jobs run reminders|digest --dry-run --json` and
// `schedule --json` for the whole year as child processes (wall time, peak working set). Prints only.
public static class JobsBenchmark
{
    public static async Task<int> RunAsync(int clusters, int units, int criteria, int items)
    {
        var work = Path.Combine(Path.GetTempPath(), $"jobs-bench-{Guid.NewGuid():N}");
        var configDir = Path.Combine(work, "config");
        Directory.CreateDirectory(configDir);
        try
        {
            var campaign = ReportBenchmark.Campaign(clusters, units, criteria);
            await ReportBenchmark.WriteConfigAsync(configDir, campaign, Path.Combine(work, "data"));
            var dbPath = Path.Combine(work, "data", "evidence.db");
            Directory.CreateDirectory(Path.GetDirectoryName(dbPath)!);
            await ReportBenchmark.SeedAsync(dbPath, campaign, items);
            Console.WriteLine($"campaign: {clusters} clusters, {units} units, {criteria} criteria; {items:N0} evidence items");

            var at = new DateTimeOffset(2024, 6, 7, 8, 0, 0, TimeSpan.FromHours(7));
            var database = new Database(DatabaseProvider.Sqlite, $"Data Source={dbPath}");
            var read = Stopwatch.StartNew();
            var all = await new SubmissionQueries(database).ListAsync(new SubmissionFilter(), CancellationToken.None);
            read.Stop();
            var remind = Stopwatch.StartNew();
            var (_, reminders) = ReminderPlanner.Reminders(campaign, at, all);
            remind.Stop();
            var digest = Stopwatch.StartNew();
            var planned = DigestPlanner.Plan(campaign, at.AddDays(-1), at, all, [], []);
            digest.Stop();
            await database.DisposeAsync();
            Console.WriteLine($"in-process: read {all.Count:N0} submissions {read.Elapsed.TotalMilliseconds:F0} ms, " +
                $"plan {reminders.Count} reminders {remind.Elapsed.TotalMilliseconds:F0} ms, plan the digest ({planned?.Counts?.Messages ?? 0} messages) {digest.Elapsed.TotalMilliseconds:F0} ms");

            foreach (var job in new[] { "reminders", "digest" })
                for (var round = 1; round <= 2; round++)
                {
                    var (seconds, peak, exit) = await ReportBenchmark.RunCliAsync(configDir, "jobs", "run", job, "--at", at.ToString("yyyy-MM-ddTHH:mm:sszzz"), "--dry-run", "--json");
                    Console.WriteLine($"CLI `jobs run {job} --dry-run --json` round {round}: {seconds:F2} s wall, peak working set {peak:F0} MB, exit {exit}");
                }
            var (s, p, e) = await ReportBenchmark.RunCliAsync(configDir, "schedule", "--json", "--from", "2024-01-01");
            Console.WriteLine($"CLI `schedule --json --from 2024-01-01`: {s:F2} s wall, peak working set {p:F0} MB, exit {e}");
            var compute = Stopwatch.StartNew();
            var fires = new CampaignSchedule(campaign).Between(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            Console.WriteLine($"in-process: the year's {fires.Count} fire times computed in {compute.Elapsed.TotalMilliseconds:F1} ms");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }
}
