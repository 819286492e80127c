using System.Diagnostics;

namespace EvidenceMailWorker.Benchmarks;

// submissions [items]: a province-sized archive (ReportBenchmark's campaign and seed: 40 clusters,
// 1,500 units, 100,000 attachments by default) in SQLite, then the real CLI's `submissions --json`
// three times, its stdout counted as it streams (not kept), with wall time and peak working set.
// EMW_CLI names another build's EvidenceMailWorker.dll, to compare versions in one run.
public static class SubmissionsBenchmark
{
    public static async Task<int> RunAsync(int items)
    {
        var work = Path.Combine(Path.GetTempPath(), $"submissions-bench-{Guid.NewGuid():N}");
        var configDir = Path.Combine(work, "config");
        try
        {
            var campaign = ReportBenchmark.Campaign(40, 1500, 60);
            await ReportBenchmark.WriteConfigAsync(configDir, campaign, Path.Combine(work, "data"));
            var dbPath = Path.Combine(work, "data", "evidence.db");
            Directory.CreateDirectory(Path.GetDirectoryName(dbPath)!);
            await ReportBenchmark.SeedAsync(dbPath, campaign, items);
            Console.WriteLine($"archive: {items:N0} attachments; load {File.ReadAllText("/proc/loadavg").Trim()}");
            foreach (var cli in new[] { Path.Combine(AppContext.BaseDirectory, "EvidenceMailWorker.dll"), Environment.GetEnvironmentVariable("EMW_CLI") }.OfType<string>())
                for (var run = 0; run < 3; run++)
                {
                    var (seconds, peak, bytes) = await RunAsync(cli, configDir);
                    Console.WriteLine($"{cli}: `submissions --json` {bytes / 1048576.0:F0} MiB of JSON in {seconds:F1} s, peak working set {peak / 1048576.0:F0} MiB");
                }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(double Seconds, long Peak, long Bytes)> RunAsync(string cli, string configDir)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var arg in new[] { cli, "submissions", "--json", "--config-dir", configDir })
            info.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var counting = Task.Run(async () =>
        {
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
                total += read;
            return total;
        });
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ImportBenchmark.HighWaterMark(process.Id));
            await Task.Delay(20);
        }
        var bytes = await counting;
        watch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"submissions exited {process.ExitCode}");
        return (watch.Elapsed.TotalSeconds, peak, bytes);
    }
}
