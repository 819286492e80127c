using System.Diagnostics;
using System.Text.Json;
using EvidenceMailWorker.Tests.Infrastructure;

namespace EvidenceMailWorker.Benchmarks;

// `import MAILDIR [sqlite|postgres ...]`: runs the real CLI's `import` over a generated mailbox, once
// per provider, each in a fresh process and database, and prints what a user would measure: wall
// time, messages/s, MB/s of mail and the process's peak working set (VmHWM, sampled from /proc).
public static class ImportBenchmark
{
    public static async Task<int> RunAsync(string mailbox, IReadOnlyList<string> providers)
    {
        var bytes = Directory.EnumerateFiles(mailbox, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var files = Directory.EnumerateFiles(mailbox, "*", SearchOption.AllDirectories).Count();
        Console.WriteLine($"mailbox: {mailbox} ({files} files, {bytes / 1048576.0:F0} MiB)");
        Console.WriteLine($"{"provider",-10} {"messages",9} {"seconds",8} {"msg/s",8} {"MiB/s",8} {"peak WS MiB",12}");
        foreach (var provider in providers)
        {
            var data = Path.Combine(Path.GetTempPath(), "emw-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(data);
            try
            {
                var overrides = new List<string> { $"--Storage:DataDirectory={data}" };
                if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
                {
                    overrides.Add("--Database:Provider=Postgres");
                    overrides.Add($"--Database:ConnectionString={await PostgresServer.Instance.CreateDatabaseAsync("bench")}");
                }
                var (seconds, peak, output) = await RunMeasuredAsync(["import", mailbox, "--json", .. overrides]);
                using var json = JsonDocument.Parse(output);
                var messages = json.RootElement.GetProperty("messages").GetInt32();
                Console.WriteLine($"{provider,-10} {messages,9} {seconds,8:F1} {messages / seconds,8:F1} {bytes / 1048576.0 / seconds,8:F1} {peak / 1048576.0,12:F0}");
            }
            finally
            {
                Directory.Delete(data, recursive: true);
            }
        }
        return 0;
    }

    private static async Task<(double Seconds, long PeakBytes, string Stdout)> RunMeasuredAsync(IEnumerable<string> args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "EvidenceMailWorker.dll");
        var config = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "config"));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = false };
        info.ArgumentList.Add(cli);
        info.ArgumentList.Add("--config-dir");
        info.ArgumentList.Add(config);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.Delay(50);
        }
        await process.WaitForExitAsync();
        watch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"import exited {process.ExitCode}");
        return (watch.Elapsed.TotalSeconds, peak, await stdout);
    }

    // VmHWM is the kernel's own peak resident set for the process: sampling it misses nothing.
    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        return 0;
    }
}
