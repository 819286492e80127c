using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Imap;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using Npgsql;

namespace EvidenceMailWorker.Tests.Robustness;

// PostgreSQL cut off under a running `run` (through a TCP proxy, the server itself stays up): the
// worker must say the database is down (not the mailbox), once, and not log in to IMAP again
// until the database is back; then one login, and the mail that came meanwhile is stored.
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_database_outage_is_named_as_such_and_costs_one_imap_login()
    {
        var user = DovecotServer.Shared.CreateUser();
        var direct = await PostgresServer.Instance.CreateDatabaseAsync("outage");
        await using var proxy = new TcpProxy(new NpgsqlConnectionStringBuilder(direct).Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(direct) { Port = proxy.Port, Timeout = 3 }.ToString();
        await using var database = new Database(DatabaseProvider.Postgres, direct);
        await new DatabaseMigrator(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await user.AppendAsync(TestMail.Numbered(5));

        using var worker = WorkerProcess.Start(_folder.Path,
            "run", $"--Storage:DataDirectory={_folder.Combine("data")}",
            "--Database:Provider=Postgres", $"--Database:ConnectionString={viaProxy}",
            "--Mailbox:Source=Imap", "--Mailbox:Host=127.0.0.1", $"--Mailbox:Port={user.Server.Port}", "--Mailbox:Security=None",
            $"--Mailbox:Username={user.Name}", $"--Mailbox:Password={user.Password}");
        var log = new StderrLines(worker);
        _ = worker.StandardOutput.ReadToEndAsync();
        await Accepted.WaitForAsync(database, 5);

        proxy.Down();
        await user.AppendAsync(TestMail.Numbered(3, first: 5)); // wakes the worker's IDLE: it must store these
        await log.WaitForAsync("Database (Postgres) unreachable");
        var loginsInOutage = Logins(user);
        await WaitUntilAsync(() => proxy.Refused >= 4); // the worker (its mailbox side and its scheduler) has probed the database several times
        Assert.Equal(loginsInOutage, Logins(user));

        proxy.Up();
        await log.WaitForAsync("Database is reachable again");
        await Accepted.WaitForAsync(database, 8);
        Assert.Equal(loginsInOutage + 1, Logins(user));
        Assert.Equal(1, log.Count("Database (Postgres) unreachable"));
        Assert.Equal(0, log.Count("Mailbox " + user.Name));
        // The scheduler's job store retried through the outage too, without a word on the console.
        Assert.Equal(0, log.Count("   at "));
        Assert.Equal(0, log.Count("managing cluster"));
        Assert.Equal(0, log.Count("Transient exception"));

        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
    }

    private static int Logins(DovecotUser user) =>
        user.Server.ReadLog().Split('\n').Count(l => l.Contains("Login: user=<" + user.Name + ">", StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not met");
            await Task.Delay(50);
        }
    }
}
