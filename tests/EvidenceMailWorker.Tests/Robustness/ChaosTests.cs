using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Imap;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Robustness;

// SIGKILL `run` at random points (a fixed seed, a bounded number of kills) while it works through
// an IMAP backlog on PostgreSQL, restart it each time; at the end every message is stored once,
// processed, labelled, and every receipt owed is in the outbox once and sent.
public sealed class ChaosTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261201;
    private const int Count = 120;
    private const int MaxKills = 6;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Killed_at_random_points_and_restarted_run_loses_nothing_and_answers_everyone_once()
    {
        var random = new Random(Seed);
        var user = DovecotServer.Shared.CreateUser();
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("chaos");
        await using var database = new Database(DatabaseProvider.Postgres, connectionString);
        var data = _folder.Combine("data");
        string[] args =
        [
            "run", $"--Storage:DataDirectory={data}", "--Receipts:QuietSeconds=0",
            "--Database:Provider=Postgres", $"--Database:ConnectionString={connectionString}",
            "--Mailbox:Source=Imap", "--Mailbox:Host=127.0.0.1", $"--Mailbox:Port={user.Server.Port}", "--Mailbox:Security=None",
            $"--Mailbox:Username={user.Name}", $"--Mailbox:Password={user.Password}",
        ];

        // The first start sets the receipt watermark; the backlog arrives after it, so all of it is owed an answer.
        var worker = WorkerProcess.Start(_folder.Path, args);
        var log = new StderrLines(worker);
        _ = worker.StandardOutput.ReadToEndAsync();
        await log.WaitForAsync("Watching INBOX");
        var now = DateTimeOffset.UtcNow;
        var mail = TestMail.Numbered(Count, attachmentBytes: 150_000);
        foreach (var (message, i) in mail.Select((m, i) => (m, i)))
            message.Date = now.AddSeconds(i + 1);
        await user.AppendAsync(mail);

        var kills = 0;
        for (; kills < MaxKills; kills++)
        {
            var processed = await ScalarAsync(database, "SELECT COUNT(*) FROM messages WHERE processed_at IS NOT NULL");
            if (processed >= Count)
                break;
            var killAt = Math.Min(Count, processed + random.Next(1, 25));
            await WaitUntilAsync(database, $"SELECT COUNT(*) FROM messages WHERE processed_at IS NOT NULL", killAt, worker);
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
            worker.Dispose();
            worker = WorkerProcess.Start(_folder.Path, args);
            _ = worker.StandardError.ReadToEndAsync();
            _ = worker.StandardOutput.ReadToEndAsync();
        }

        try
        {
            await WaitUntilAsync(database, "SELECT COUNT(*) FROM messages WHERE status = 'accepted'", Count, worker);
            await WaitUntilAsync(database, "SELECT COUNT(*) FROM receipt_pending WHERE done_at IS NOT NULL", Count, worker);
            await WaitUntilAsync(database, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL", await ScalarAsync(database, "SELECT COUNT(*) FROM outbox"), worker);
            await WaitUntilAsync(database, "SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM label_pending", 1, worker);
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
            worker.Dispose();
        }

        output.WriteLine($"{kills} SIGKILL(s) over {Count} messages (seed {Seed})");
        Assert.True(kills >= 1, "the backlog was done before the first kill");
        Assert.Equal(Count, await ScalarAsync(database, "SELECT COUNT(*) FROM messages"));
        Assert.Equal(Count, await ScalarAsync(database, "SELECT COUNT(DISTINCT message_id) FROM messages"));
        Assert.Equal(Count, await ScalarAsync(database, "SELECT COUNT(*) FROM messages WHERE status = 'accepted'"));
        Assert.Equal(Count, await ImapCliTests.LabelledAsync(user));
        // One answer per message (receipt_pending's key), each batch one outbox row, each row one file.
        Assert.Equal(Count, await ScalarAsync(database, "SELECT COUNT(*) FROM receipt_pending WHERE done_at IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync(database,
            "SELECT COUNT(*) FROM receipt_pending p WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.purpose || ':' || o.idempotency_key = p.outbox_key AND o.sent_at IS NOT NULL)"));
        var rows = await ScalarAsync(database, "SELECT COUNT(*) FROM outbox WHERE purpose = 'receipt'");
        Assert.Equal(rows, Directory.GetFiles(Path.Combine(data, "outbox"), "*-receipt-*.eml").Length);
    }

    private static async Task<long> ScalarAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        try
        {
            return await connection.ExecuteScalarAsync<long>(sql);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == "42P01")
        {
            return 0; // not migrated yet
        }
    }

    // Waits for an event (a count reaching its value); the deadline only stops a hung test.
    private static async Task WaitUntilAsync(Database database, string sql, long atLeast, System.Diagnostics.Process worker)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await ScalarAsync(database, sql) < atLeast)
        {
            if (worker.HasExited)
                throw new InvalidOperationException($"run exited ({worker.ExitCode}) while waiting for {sql} to reach {atLeast}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{sql} did not reach {atLeast}");
            await Task.Delay(50);
        }
    }
}
