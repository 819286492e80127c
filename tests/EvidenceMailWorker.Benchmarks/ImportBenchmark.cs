using System.Diagnostics;
using System.Text.Json;
using EvidenceMailWorker.Tests.Infrastructure;
using Npgsql;

namespace EvidenceMailWorker.Benchmarks;

// `import MAILDIR|FILE.mbox [sqlite|postgres ...]`: runs the real CLI's `import` over a generated
// mailbox, three times per provider, each in a fresh process and database, and prints what a user
// would measure (wall time, messages/s, MiB/s of mail, the process's peak working set from VmHWM)
// and where the time went (the worker's user and system CPU, PostgreSQL's CPU in its own
// processes) and how large the database grew. The median run is marked.
public static class ImportBenchmark
{
    private const int Runs = 3;

    public static async Task<int> RunAsync(string mailbox, IReadOnlyList<string> providers)
    {
        var sources = File.Exists(mailbox) ? [mailbox] : Directory.EnumerateFiles(mailbox, "*", SearchOption.AllDirectories).ToList();
        var bytes = sources.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"mailbox: {mailbox} ({sources.Count} files, {bytes / 1048576.0:F0} MiB); load: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"{"provider",-10} {"messages",9} {"seconds",8} {"msg/s",8} {"MiB/s",8} {"peak WS MiB",12} {"worker usr+sys s",17} {"db CPU s",9} {"db MiB",8}");
        // "floor" alone runs only the PostgreSQL floor rows (quick experiments on the server's settings).
        foreach (var provider in providers.Where(p => !p.Equals("floor", StringComparison.OrdinalIgnoreCase)))
        {
            var rows = new List<(double MiBps, string Line)>();
            for (var run = 0; run < Runs; run++)
                rows.Add(await RunOnceAsync(mailbox, provider, bytes));
            var median = rows.OrderBy(r => r.MiBps).ElementAt(Runs / 2);
            foreach (var row in rows)
                Console.WriteLine(row.Line + (ReferenceEquals(row.Line, median.Line) ? "  <- median" : ""));
        }
        if (providers.Any(p => p.Equals("postgres", StringComparison.OrdinalIgnoreCase) || p.Equals("floor", StringComparison.OrdinalIgnoreCase)) && !File.Exists(mailbox))
            foreach (var copy in new[] { false, true })
                for (var run = 0; run < Runs; run++)
                    Console.WriteLine(await PostgresFloorAsync(sources, bytes, copy));
        return 0;
    }

    // What PostgreSQL alone costs for this mail: each file stored as one bytea (the worker's blob
    // layout, no compression) in its own transaction, two at a time, by a bare Npgsql loop with no
    // parsing at all. The worker's import cannot be faster than this on the same machine. With copy,
    // each file goes in by `COPY … FROM STDIN (FORMAT binary)` instead of an INSERT (the issue's
    // alternative design), so the two rows show what the statement costs against the bytes.
    private static async Task<string> PostgresFloorAsync(IReadOnlyList<string> files, long bytes, bool copy)
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("floor");
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { WriteBufferSize = 256 * 1024 }.ConnectionString);
        await using (var create = source.CreateCommand("CREATE TABLE raw (id bigserial PRIMARY KEY, content bytea NOT NULL); ALTER TABLE raw ALTER COLUMN content SET STORAGE EXTERNAL"))
            await create.ExecuteNonQueryAsync();
        var dbBefore = await ProcessCpu.OfPostgresAsync(connectionString);
        var selfBefore = ProcessCpu.Of(Environment.ProcessId);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (file, ct) =>
        {
            await using var connection = await source.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (copy)
            {
                await using (var writer = await connection.BeginBinaryImportAsync("COPY raw (content) FROM STDIN (FORMAT binary)", ct))
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync<Stream>(content, NpgsqlTypes.NpgsqlDbType.Bytea, ct);
                    await writer.CompleteAsync(ct);
                }
                await transaction.CommitAsync(ct);
                return;
            }
            await using var insert = new NpgsqlCommand("INSERT INTO raw (content) VALUES (@content)", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter("content", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = content });
            await insert.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        });
        watch.Stop();
        var self = ProcessCpu.Of(Environment.ProcessId) - selfBefore;
        var db = await ProcessCpu.OfPostgresAsync(connectionString) - dbBefore;
        var size = await DatabaseSizeAsync(connectionString);
        var mibps = bytes / 1048576.0 / watch.Elapsed.TotalSeconds;
        return $"{(copy ? "pg copy" : "pg floor"),-10} {files.Count,9} {watch.Elapsed.TotalSeconds,8:F1} {files.Count / watch.Elapsed.TotalSeconds,8:F1} {mibps,8:F1} {"-",12} {$"{self.User:F1}+{self.System:F1}",17} {db.Total,9:F1} {size / 1048576.0,8:F0}";
    }

    private static async Task<(double MiBps, string Line)> RunOnceAsync(string mailbox, string provider, long bytes)
    {
        var data = Path.Combine(Path.GetTempPath(), "emw-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            var overrides = new List<string> { $"--Storage:DataDirectory={data}" };
            string? postgres = null;
            if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
            {
                postgres = await PostgresServer.Instance.CreateDatabaseAsync("bench");
                overrides.Add("--Database:Provider=Postgres");
                overrides.Add($"--Database:ConnectionString={postgres}");
            }
            var dbBefore = postgres is null ? default : await ProcessCpu.OfPostgresAsync(postgres);
            var (seconds, peak, cpu, output) = await RunMeasuredAsync(["import", mailbox, "--json", .. overrides]);
            var db = postgres is null ? default : await ProcessCpu.OfPostgresAsync(postgres) - dbBefore;
            var size = postgres is null
                ? Directory.EnumerateFiles(data, "*.db*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
                : await DatabaseSizeAsync(postgres);
            using var json = JsonDocument.Parse(output);
            var messages = json.RootElement.GetProperty("messages").GetInt32();
            var mibps = bytes / 1048576.0 / seconds;
            var dbCpu = postgres is null ? "-" : $"{db.Total:F1}";
            return (mibps, $"{provider,-10} {messages,9} {seconds,8:F1} {messages / seconds,8:F1} {mibps,8:F1} {peak / 1048576.0,12:F0} {$"{cpu.User:F1}+{cpu.System:F1}",17} {dbCpu,9} {size / 1048576.0,8:F0}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<long> DatabaseSizeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task<(double Seconds, long PeakBytes, ProcessCpu.Cpu Cpu, string Stdout)> RunMeasuredAsync(IEnumerable<string> args)
    {
        // EMW_CLI names another build's EvidenceMailWorker.dll, to compare versions under the same load.
        var cli = Environment.GetEnvironmentVariable("EMW_CLI") ?? Path.Combine(AppContext.BaseDirectory, "EvidenceMailWorker.dll");
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
        var (peak, cpu) = await ProcessCpu.WatchUntilExitAsync(process);
        watch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', args.Take(1))} exited {process.ExitCode}");
        return (watch.Elapsed.TotalSeconds, peak, cpu, await stdout);
    }

    // VmHWM is the kernel's own peak resident set for the process: sampling it misses nothing.
    public static long HighWaterMark(int pid)
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
