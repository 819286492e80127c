using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using MailKit;
using Xunit.Abstractions;

namespace EvidenceMailWorker.Tests.Imap;

// The IMAP source against a real Dovecot: what the office relies on — every message stored once,
// oldest first, promptly, and the inbox left as people had it.
public sealed class ImapSourceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Backlog_is_ingested_exactly_once_oldest_first(DatabaseProvider provider)
    {
        var user = DovecotServer.Shared.CreateUser();
        await user.AppendAsync(TestMail.Numbered(12));
        await using var worker = await ImapWorker.CreateAsync(provider, user);

        await worker.Source.RunOnceAsync(CancellationToken.None);
        await worker.Source.RunOnceAsync(CancellationToken.None);

        var subjects = await worker.SubjectsInStoredOrderAsync();
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"Cụm 2 gửi minh chứng số {i:D3}"), subjects);
        var checkpoint = await worker.Checkpoints.GetAsync(worker.Options.Username.ToLowerInvariant() + "@127.0.0.1", "INBOX", CancellationToken.None);
        Assert.Equal(12u, checkpoint!.LastUid);
        // Received time is the server's INTERNALDATE (set on APPEND to the message date here).
        var first = await worker.Archive.SubmissionAsync(1);
        Assert.Equal(new DateTime(2024, 6, 8, 2, 0, 0, DateTimeKind.Utc), first.ReceivedAtUtc);
        // Each fetched file was taken over by the pipeline and deleted with its verdict: nothing is left on disk.
        Assert.Empty(Directory.EnumerateFileSystemEntries(worker.Archive.Settings.SpoolFolder));
    }

    [Fact]
    public async Task Message_appended_while_the_watcher_idles_is_stored_promptly()
    {
        var user = DovecotServer.Shared.CreateUser();
        await using var worker = await ImapWorker.CreateAsync(DatabaseProvider.Sqlite, user, output: output);
        using var stop = new CancellationTokenSource();
        var watching = worker.Source.RunAsync(stop.Token);
        await WaitUntilAsync(async () => await worker.Checkpoints.GetAsync($"{user.Name}@127.0.0.1", "INBOX", CancellationToken.None) is not null);
        await Task.Delay(300); // let the first (empty) sweep end and IDLE begin

        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            await user.AppendAsync(TestMail.Numbered(1, first: i));
            latencies.Add(await worker.WaitForCountAsync(i + 1, Generous));
        }
        output.WriteLine($"append → stored: {string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0} ms"))}");

        await stop.CancelAsync();
        await watching.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, await worker.CountAsync());
    }

    [Fact]
    public async Task Flags_stay_as_people_left_them_and_the_label_keyword_is_added()
    {
        var user = DovecotServer.Shared.CreateUser();
        await user.AppendAsync(TestMail.Numbered(2));
        // Mail a person already read is ingested like any other.
        await user.AppendAsync(TestMail.Numbered(1, first: 2), MessageFlags.Seen | MessageFlags.Flagged);
        await using var worker = await ImapWorker.CreateAsync(DatabaseProvider.Sqlite, user);

        await worker.Source.RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, await worker.CountAsync());
        var flags = await FlagsAsync(user);
        Assert.All(flags.Values, f => Assert.Contains("EvidenceWorker", f.Keywords));
        Assert.False(flags[1].Flags!.Value.HasFlag(MessageFlags.Seen));
        Assert.False(flags[2].Flags!.Value.HasFlag(MessageFlags.Seen));
        Assert.Equal(MessageFlags.Seen | MessageFlags.Flagged, flags[3].Flags & ~MessageFlags.Recent);
    }

    [Fact]
    public async Task With_an_empty_label_nothing_in_the_mailbox_changes()
    {
        var user = DovecotServer.Shared.CreateUser();
        await user.AppendAsync(TestMail.Numbered(2));
        await user.AppendAsync(TestMail.Numbered(1, first: 2), MessageFlags.Answered);
        var before = await FlagsAsync(user);
        await using var worker = await ImapWorker.CreateAsync(DatabaseProvider.Sqlite, user, label: "");

        await worker.Source.RunOnceAsync(CancellationToken.None);

        Assert.Equal(3, await worker.CountAsync());
        var after = await FlagsAsync(user);
        Assert.Equal(Describe(before), Describe(after));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UIDVALIDITY_reset_rescans_without_duplicates_and_misses_nothing(DatabaseProvider provider)
    {
        var user = DovecotServer.Shared.CreateUser();
        await user.AppendAsync(TestMail.Numbered(3));
        await using var worker = await ImapWorker.CreateAsync(provider, user);
        await worker.Source.RunOnceAsync(CancellationToken.None);
        Assert.Equal(3, await worker.CountAsync());

        user.SetUidValidity(424242);
        await user.AppendAsync(TestMail.Numbered(2, first: 3));
        await worker.Source.RunOnceAsync(CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Cụm 2 gửi minh chứng số {i:D3}"), await worker.SubjectsInStoredOrderAsync());
        var checkpoint = await worker.Checkpoints.GetAsync($"{user.Name}@127.0.0.1", "INBOX", CancellationToken.None);
        Assert.Equal(424242u, checkpoint!.UidValidity);
        Assert.Equal(5u, checkpoint.LastUid);
    }

    [Fact]
    public async Task A_dropped_connection_mid_fetch_and_a_server_restart_lose_nothing()
    {
        using var server = DovecotServer.Start();
        var user = server.CreateUser();
        const int backlog = 40;
        await user.AppendAsync(TestMail.Numbered(backlog, attachmentBytes: 400_000));
        await using var proxy = new TcpProxy(server.Port);
        // The server's answers stop a few messages into the backlog's first FETCH, whatever the
        // machine's speed; the connection is then reset there, mid-message.
        var stalled = proxy.StallAfter(5 * 400_000);
        await using var worker = await ImapWorker.CreateAsync(DatabaseProvider.Sqlite, user, output: output, port: proxy.Port);
        using var stop = new CancellationTokenSource();
        var watching = worker.Source.RunAsync(stop.Token);

        await stalled;
        var storedAtDrop = await worker.CountAsync();
        proxy.Down();
        proxy.Up();
        output.WriteLine($"dropped mid-fetch at {storedAtDrop} stored");
        Assert.InRange(storedAtDrop, 0, backlog - 1);
        await worker.WaitForCountAsync(backlog, Generous);
        Assert.Contains(worker.Log.Lines, l => l.Contains("unreachable", StringComparison.Ordinal)); // the drop was seen

        // Restart the server while the watcher idles; mail sent afterwards still arrives.
        server.Restart();
        await user.AppendAsync(TestMail.Numbered(1, first: backlog));
        await worker.WaitForProcessedAsync(backlog + 1, Generous);

        await stop.CancelAsync();
        await watching.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Enumerable.Range(0, backlog + 1).Select(i => $"Cụm 2 gửi minh chứng số {i:D3}"), await worker.SubjectsInStoredOrderAsync());
        Assert.Equal(0, await worker.Archive.ScalarAsync("SELECT COUNT(*) FROM messages WHERE status = 'failed'"));
    }

    private static async Task<Dictionary<uint, IMessageSummary>> FlagsAsync(DovecotUser user)
    {
        using var client = await user.ConnectAsync();
        var summaries = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
        await client.DisconnectAsync(true);
        return summaries.ToDictionary(s => s.UniqueId.Id);
    }

    // \Recent belongs to whichever session saw the message first, not to the message.
    private static string Describe(Dictionary<uint, IMessageSummary> flags) =>
        string.Join("; ", flags.OrderBy(f => f.Key).Select(f =>
            $"{f.Key}: {f.Value.Flags & ~MessageFlags.Recent} [{string.Join(",", f.Value.Keywords.Order())}]"));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not met");
            await Task.Delay(25);
        }
    }
}
