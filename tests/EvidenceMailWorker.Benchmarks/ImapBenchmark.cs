using System.Diagnostics;
using System.Text.Json;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Ingestion.Imap;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace EvidenceMailWorker.Benchmarks;

// `imap [count] [rounds]`: the generated mailbox served by a local Dovecot, fetched raw (UID FETCH
// BODY.PEEK[] to disk, no parsing) and then ingested into PostgreSQL by the worker's own IMAP source
// and pipeline, in one run, and by the issue's hand-written Node peer where node is installed (see
// NodePeer); then the IDLE arrival-to-stored latency. Printed, not asserted.
public static class ImapBenchmark
{
    private const int LatencySamples = 20;

    // One worker's sweep of the whole folder into a fresh database: MiB/s, and where the CPU went.
    private static async Task<(double Rate, Worker Worker)> IngestAsync(string label, Database database, DovecotUser user, string scratch, double rawMBps, string? postgres)
    {
        Directory.CreateDirectory(scratch);
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var worker = Build(database, user, scratch);
        using var self = Process.GetCurrentProcess();
        var cpuBefore = (self.UserProcessorTime, self.PrivilegedProcessorTime);
        var dbBefore = postgres is null ? default : await ProcessCpu.OfPostgresAsync(postgres);
        var watch = Stopwatch.StartNew();
        await worker.Source.RunOnceAsync(CancellationToken.None);
        watch.Stop();
        self.Refresh();
        var db = postgres is null ? default : await ProcessCpu.OfPostgresAsync(postgres) - dbBefore;
        var stored = await ScalarAsync(database, "SELECT COUNT(*) FROM messages");
        var storedBytes = await ScalarAsync(database, "SELECT COALESCE(SUM(raw_size), 0) FROM messages");
        var size = postgres is null
            ? Directory.EnumerateFiles(scratch, "archive.db*").Sum(f => new FileInfo(f).Length)
            : await ScalarAsync(database, "SELECT pg_database_size(current_database())");
        var rate = storedBytes / 1048576.0 / watch.Elapsed.TotalSeconds;
        var dbCpu = postgres is null ? "" : $", PostgreSQL {db.Total:F1} s";
        Console.WriteLine($"  {label}: {stored} messages, {storedBytes / 1048576.0:F0} MiB in {watch.Elapsed.TotalSeconds:F1} s = {rate:F1} MiB/s ({rate / rawMBps:P0} of raw); " +
            $"CPU worker {(self.UserProcessorTime - cpuBefore.UserProcessorTime).TotalSeconds:F1}+{(self.PrivilegedProcessorTime - cpuBefore.PrivilegedProcessorTime).TotalSeconds:F1} s{dbCpu}; database {size / 1048576.0:F0} MiB; {await StatusesAsync(database)}");
        return (rate, worker);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args is [var n, ..] && int.TryParse(n, out var parsed) ? parsed : MailboxGenerator.DefaultMessages;
        // Three rounds unless told (one is enough under a profiler).
        var runs = args is [_, var r, ..] && int.TryParse(r, out var rounds) && rounds > 0 ? rounds : 3;
        var mail = Path.Combine("/tmp", $"evidencemail-bench-eml-{count}");
        if (!Directory.Exists(mail) || Directory.GetFiles(mail, "*.eml").Length != count)
        {
            Console.WriteLine($"generating {count} messages into {mail} ...");
            MailboxGenerator.Generate(mail, count, MailboxGenerator.DefaultTargetBytes * count / MailboxGenerator.DefaultMessages);
        }

        using var dovecot = DovecotServer.Start();
        var user = dovecot.CreateUser();
        var bytes = LoadMaildir(mail, user);
        Console.WriteLine($"Dovecot Maildir: {count} messages, {bytes / 1048576.0:F0} MB (user {user.Name}, port {dovecot.Port})");

        var scratch = Path.Combine("/tmp", $"evidencemail-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        using var postgres = BenchPostgres.Start();
        using var node = NodePeer.TryPrepare();
        if (node is not null)
            Console.WriteLine($"Node peer: {node.Versions}");
        try
        {
            // Raw fetch, worker and Node peer alternate within each round, so all see the same machine load.
            var rows = new List<(double Raw, double Postgres, double Sqlite, double? Node)>();
            Worker? last = null;
            Database? lastDatabase = null;
            for (var round = 1; round <= runs; round++)
            {
                var raw = await RawFetchAsync(user, Path.Combine(scratch, "raw"));
                Console.WriteLine($"round {round}, load {File.ReadAllText("/proc/loadavg").Trim()}");
                Console.WriteLine($"  (a) raw fetch     : {raw.Messages} messages, {raw.MB:F0} MiB in {raw.Seconds:F1} s = {raw.MBps:F1} MiB/s");
                var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = $"bench{round}" }.ConnectionString;
                var pg = new Database(DatabaseProvider.Postgres, connection);
                var pgRate = await IngestAsync("(b) PostgreSQL    ", pg, user, Path.Combine(scratch, $"pg{round}"), raw.MBps, connection);
                var sqliteFolder = Path.Combine(scratch, $"sqlite{round}");
                Directory.CreateDirectory(sqliteFolder);
                double sqliteRate;
                await using (var sqlite = new Database(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(sqliteFolder, "archive.db")}"))
                    sqliteRate = (await IngestAsync("(c) SQLite        ", sqlite, user, sqliteFolder, raw.MBps, null)).Rate;
                var nodeRate = node is null ? null : await NodeRoundAsync(node, user, Path.Combine(scratch, $"node{round}"), raw.MBps);
                rows.Add((raw.MBps, pgRate.Rate, sqliteRate, nodeRate));
                if (lastDatabase is not null)
                    await lastDatabase.DisposeAsync();
                (last, lastDatabase) = (pgRate.Worker, pg);
            }
            double Mid(Func<(double Raw, double Postgres, double Sqlite, double? Node), double> pick) => rows.Select(pick).Order().ElementAt(rows.Count / 2);
            Console.WriteLine($"medians of {runs}: raw {Mid(r => r.Raw):F1} MiB/s, PostgreSQL {Mid(r => r.Postgres):F1} MiB/s ({Mid(r => r.Postgres / r.Raw):P0} of raw), SQLite {Mid(r => r.Sqlite):F1} MiB/s ({Mid(r => r.Sqlite / r.Raw):P0} of raw)");
            if (rows.All(r => r.Node is not null))
                Console.WriteLine($"  Node peer {Mid(r => r.Node!.Value):F1} MiB/s ({Mid(r => r.Node!.Value / r.Raw):P0} of raw); PostgreSQL {Mid(r => r.Postgres / r.Node!.Value):F2}× Node, SQLite {Mid(r => r.Sqlite / r.Node!.Value):F2}× Node (medians of each round's ratio)");
            else
                Console.WriteLine(node is null ? "  Node peer skipped" : "  Node peer: no ratio (a round's peer failed)");

            var latencies = await IdleLatencyAsync(last!, lastDatabase!, user);
            await lastDatabase!.DisposeAsync();
            Console.WriteLine($"IDLE arrival → stored: median {Median(latencies):F0} ms, min {latencies.Min():F0} ms, max {latencies.Max():F0} ms over {latencies.Count} appends");
            using var self = Process.GetCurrentProcess();
            Console.WriteLine($"peak working set of this process (raw fetches and all ingests): {self.PeakWorkingSet64 / 1048576.0:F0} MiB");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        return 0;
    }

    // One run of the Node peer; its attachments are deleted afterwards (they are about the mail's size).
    private static async Task<double?> NodeRoundAsync(NodePeer node, DovecotUser user, string outDir, double rawMBps)
    {
        try
        {
            var r = await node.RunAsync(user, outDir);
            Console.WriteLine($"  (d) Node peer     : {r.Messages} messages, {r.Bytes / 1048576.0:F0} MiB in {r.ScriptSeconds:F1} s = {r.MBps:F1} MiB/s ({r.MBps / rawMBps:P0} of raw), wall {r.WallSeconds:F1} s; " +
                $"{r.Attachments} attachments, {r.AttachmentBytes / 1048576.0:F0} MiB written; CPU node {r.Cpu.User:F1}+{r.Cpu.System:F1} s; peak working set {r.PeakBytes / 1048576.0:F0} MiB");
            return r.MBps;
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or System.ComponentModel.Win32Exception or KeyNotFoundException)
        {
            Console.WriteLine($"  (d) Node peer     : failed: {e.Message.Trim()}");
            return null;
        }
        finally
        {
            if (Directory.Exists(outDir))
                Directory.Delete(outDir, recursive: true);
        }
    }

    // Copies the .eml files in as Maildir cur/ entries (as if delivered earlier and already seen
    // by a mail client's sync), owned by the mail user.
    private static long LoadMaildir(string mail, DovecotUser user)
    {
        var cur = Path.Combine(user.Maildir, "cur");
        Directory.CreateDirectory(cur);
        Directory.CreateDirectory(Path.Combine(user.Maildir, "new"));
        Directory.CreateDirectory(Path.Combine(user.Maildir, "tmp"));
        long bytes = 0;
        var start = DateTime.UtcNow.AddDays(-30);
        var files = Directory.GetFiles(mail, "*.eml").Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var target = Path.Combine(cur, $"{1700000000 + i}.M{i}P1.bench:2,");
            File.Copy(files[i], target);
            File.SetLastWriteTimeUtc(target, start.AddMinutes(i)); // Maildir's INTERNALDATE
            bytes += new FileInfo(target).Length;
        }
        Process.Start("chown", ["-R", "8:8", Path.GetDirectoryName(user.Maildir)!])!.WaitForExit();
        return bytes;
    }

    private static async Task<(int Messages, double MB, double Seconds, double MBps)> RawFetchAsync(DovecotUser user, string folder)
    {
        Directory.CreateDirectory(folder);
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", user.Server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user.Name, user.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly); // the first SELECT lets Dovecot index the Maildir
        var watch = Stopwatch.StartNew();
        var uids = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
        long bytes = 0;
        var buffer = new byte[1 << 16];
        foreach (var uid in uids)
        {
            await using var stream = await client.Inbox.GetStreamAsync(uid);
            await using var file = File.Create(Path.Combine(folder, $"{uid.Id}.eml"));
            await stream.CopyToAsync(file);
            bytes += file.Length;
        }
        watch.Stop();
        await client.DisconnectAsync(true);
        Directory.Delete(folder, recursive: true);
        var mb = bytes / 1048576.0;
        return (uids.Count, mb, watch.Elapsed.TotalSeconds, mb / watch.Elapsed.TotalSeconds);
    }

    private sealed record Worker(ImapMailboxSource Source);

    private static Worker Build(Database database, DovecotUser user, string scratch)
    {
        var options = new MailboxOptions
        {
            Source = "Imap",
            Host = "127.0.0.1",
            Port = user.Server.Port,
            Security = MailSecurity.None,
            Username = user.Name,
            Password = user.Password,
            Label = "EvidenceWorker",
        };
        var monitor = new FixedOptions<MailboxOptions>(options);
        var spool = Path.Combine(scratch, "spool");
        Directory.CreateDirectory(spool);
        var settings = new IngestionSettings(new CampaignDirectory(LoadCampaign()), new LimitsOptions(), "mx.google.com", "evidencemailworker.invalid", spool);
        var clock = TimeProvider.System;
        var pipeline = new IngestionPipeline(new ArchiveStore(database, clock), new ProcessingClaims(database, clock), new MessageDecomposer(), () => settings, clock, NullLogger<IngestionPipeline>.Instance);
        var checkpoints = new MailboxCheckpoints(database, clock);
        var paths = new ResolvedPaths(scratch, "", scratch, scratch, scratch, spool);
        var connector = new ImapConnector(monitor, new EvidenceMailWorker.Auth.OAuth2TokenClient(new HttpClient(), clock), paths, NullLogger<ImapConnector>.Instance);
        var sweeper = new ImapSweeper(pipeline, checkpoints, clock, NullLogger<ImapSweeper>.Instance);
        return new Worker(new ImapMailboxSource(connector, sweeper, pipeline, checkpoints, new MailboxLeases(database), database, monitor, clock, NullLogger<ImapMailboxSource>.Instance));
    }

    private static async Task<List<double>> IdleLatencyAsync(Worker worker, Database database, DovecotUser user)
    {
        using var stop = new CancellationTokenSource();
        var watching = worker.Source.RunAsync(stop.Token);
        using var client = await user.ConnectAsync();
        var latencies = new List<double>();
        var before = await ScalarAsync(database, "SELECT COUNT(*) FROM messages");
        await Task.Delay(1000); // the watcher's first sweep ends and IDLE begins
        for (var i = 0; i < LatencySamples; i++)
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress("Đoàn xã Ngọc Chúc", "doan.ngocchuc@example.org"));
            message.To.Add(new MailboxAddress("", "huyendoangiongrieng@gmail.com"));
            message.Subject = $"Cụm 2 gửi minh chứng bổ sung {i}";
            message.MessageId = $"{Guid.NewGuid():N}@mail.gmail.com";
            message.Body = new TextPart("plain") { Text = "Kính gửi Văn phòng, cụm gửi bổ sung minh chứng." };
            var watch = Stopwatch.StartNew();
            await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
            while (await ScalarAsync(database, "SELECT COUNT(*) FROM messages") < before + i + 1)
                await Task.Delay(2);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(200);
        }
        await stop.CancelAsync();
        await watching;
        return latencies;
    }

    private static CampaignOptions LoadCampaign()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EvidenceMailWorker.sln")))
            dir = dir.Parent;
        var configuration = ConfigurationLoader.Build(Path.Combine(dir!.FullName, "config"), [], reloadOnChange: false);
        var problems = new List<ConfigProblem>();
        return OptionsReader.Read<CampaignOptions>(configuration, CampaignOptions.Section, problems);
    }

    private static async Task<long> ScalarAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<string> StatusesAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, COUNT(*) FROM messages GROUP BY status ORDER BY status";
        var parts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            parts.Add($"{reader.GetString(0)} {reader.GetInt64(1)}");
        return string.Join(", ", parts);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class FixedOptions<T>(T value) : Microsoft.Extensions.Options.IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
