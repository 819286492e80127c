using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Imap;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Robustness;

// Two real `run` processes on one PostgreSQL database and one Dovecot mailbox: one polls, the other
// waits and takes over when the first is killed; every message is stored and processed once.
public sealed class SeveralWorkersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string[] Args(string name, DovecotUser user, string connectionString) =>
    [
        "run",
        $"--Storage:DataDirectory={_folder.Combine(name)}",
        "--Database:Provider=Postgres", $"--Database:ConnectionString={connectionString}",
        "--Mailbox:Source=Imap", "--Mailbox:Host=127.0.0.1", $"--Mailbox:Port={user.Server.Port}", "--Mailbox:Security=None",
        $"--Mailbox:Username={user.Name}", $"--Mailbox:Password={user.Password}",
    ];

    [Fact]
    public async Task Two_runs_on_one_database_and_mailbox_poll_one_at_a_time_and_store_every_message_once()
    {
        var user = DovecotServer.Shared.CreateUser();
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("tworuns");
        await using var database = new Database(DatabaseProvider.Postgres, connectionString);
        await user.AppendAsync(TestMail.Numbered(30));

        using var a = WorkerProcess.Start(_folder.Path, Args("a", user, connectionString));
        var aLog = new StderrLines(a);
        _ = a.StandardOutput.ReadToEndAsync();
        await aLog.WaitForAsync("Watching INBOX");
        using var b = WorkerProcess.Start(_folder.Path, Args("b", user, connectionString));
        var bLog = new StderrLines(b);
        _ = b.StandardOutput.ReadToEndAsync();
        await bLog.WaitForAsync("is watched by another worker");
        await Accepted.WaitForAsync(database, 30);

        await user.AppendAsync(TestMail.Numbered(10, first: 30));
        await Accepted.WaitForAsync(database, 40);
        Assert.Equal(0, bLog.Count("Watching INBOX"));

        a.Kill(entireProcessTree: true);
        await a.WaitForExitAsync();
        await bLog.WaitForAsync("Took over watching");
        await user.AppendAsync(TestMail.Numbered(10, first: 40));
        await Accepted.WaitForAsync(database, 50);

        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(50, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages"));
            Assert.Equal(50, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT message_id) FROM messages"));
            // Processed once each: no second process claimed a verdict in progress.
            Assert.Equal(50, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE attempts = 1"));
            Assert.Equal(50, await connection.ExecuteScalarAsync<long>("SELECT last_uid FROM mailbox_checkpoints WHERE uid_validity > 0"));
        }
        Assert.Equal(50, await ImapCliTests.LabelledAsync(user));
        b.Kill(entireProcessTree: true);
        await b.WaitForExitAsync();
        Assert.DoesNotContain(aLog.Lines.Concat(bLog.Lines), l => l.Contains(" ERR]", StringComparison.Ordinal));
    }
}
