using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion.Imap;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EvidenceMailWorker.Tests.Imap;

// The real IMAP source, wired by hand over an ArchiveHarness (real pipeline, real database of
// either provider) and pointed at a Dovecot user. Timers run on the real clock.
public sealed class ImapWorker : IAsyncDisposable
{
    private ImapWorker(ArchiveHarness archive, DovecotUser user, MailboxOptions options, ITestOutputHelper? output)
    {
        Archive = archive;
        User = user;
        Options = options;
        var monitor = new StaticOptionsMonitor<MailboxOptions>(options);
        var paths = new ResolvedPaths(archive.Folder, "", archive.Folder, archive.Folder, archive.Folder, archive.Settings.SpoolFolder);
        Checkpoints = new MailboxCheckpoints(archive.Database, TimeProvider.System);
        var connector = new ImapConnector(monitor, new EvidenceMailWorker.Auth.OAuth2TokenClient(new HttpClient(), TimeProvider.System), paths, NullLogger<ImapConnector>.Instance);
        var sweeper = new ImapSweeper(archive.Pipeline, Checkpoints, TimeProvider.System, new TestOutputLogger<ImapSweeper>(output));
        Log = new TestOutputLogger<ImapMailboxSource>(output);
        Source = new ImapMailboxSource(connector, sweeper, archive.Pipeline, Checkpoints, new MailboxLeases(archive.Database), archive.Database, monitor, TimeProvider.System, Log);
    }

    public ArchiveHarness Archive { get; }
    public DovecotUser User { get; }
    public MailboxOptions Options { get; }
    public MailboxCheckpoints Checkpoints { get; }
    public ImapMailboxSource Source { get; }
    public TestOutputLogger<ImapMailboxSource> Log { get; }

    // port: where the worker connects instead of the server's own port (a TcpProxy in front of it).
    public static async Task<ImapWorker> CreateAsync(DatabaseProvider provider, DovecotUser user, string label = "EvidenceWorker", ITestOutputHelper? output = null, int? port = null)
    {
        var options = OptionsFor(user, label);
        if (port is { } p)
            options.Port = p;
        return new(await ArchiveHarness.CreateAsync(provider), user, options, output);
    }

    public static MailboxOptions OptionsFor(DovecotUser user, string label = "EvidenceWorker") => new()
    {
        Source = "Imap",
        Host = "127.0.0.1",
        Port = user.Server.Port,
        Security = MailSecurity.None,
        Username = user.Name,
        Password = user.Password,
        Label = label,
        PollSeconds = 5,
    };

    public Task<long> CountAsync() => Archive.ScalarAsync("SELECT COUNT(*) FROM messages");

    // Waits (polling the database) until at least `count` messages are stored (raw committed).
    public Task<TimeSpan> WaitForCountAsync(long count, TimeSpan timeout) => WaitForAsync(CountAsync, count, "stored", timeout);

    // Waits until at least `count` messages also have their verdict committed: stopping the watcher
    // earlier would rightly leave the last one `failed` (interrupted), to be finished on the next pass.
    public Task<TimeSpan> WaitForProcessedAsync(long count, TimeSpan timeout) =>
        WaitForAsync(() => Archive.ScalarAsync("SELECT COUNT(*) FROM messages WHERE processed_at IS NOT NULL"), count, "processed", timeout);

    private static async Task<TimeSpan> WaitForAsync(Func<Task<long>> counter, long count, string what, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (await counter() < count)
        {
            if (watch.Elapsed > timeout)
                throw new TimeoutException($"{await counter()} of {count} messages {what} after {timeout.TotalSeconds:0} s");
            await Task.Delay(25);
        }
        return watch.Elapsed;
    }

    public async Task<List<string>> SubjectsInStoredOrderAsync()
    {
        await using var connection = await Archive.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT subject FROM messages ORDER BY id";
        var subjects = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            subjects.Add(reader.GetString(0));
        return subjects;
    }

    public ValueTask DisposeAsync() => Archive.DisposeAsync();
}
