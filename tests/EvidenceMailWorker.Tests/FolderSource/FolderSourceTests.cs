using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion.Folder;
using EvidenceMailWorker.Tests.Imap;
using EvidenceMailWorker.Tests.Support;
using Xunit.Abstractions;

namespace EvidenceMailWorker.Tests.FolderSource;

// Mailbox:Source=Folder as the office uses it: drop .eml files into the inbox folder while `run` runs.
public sealed class FolderSourceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private static async Task<(ArchiveHarness Archive, FolderMailboxSource Source, string Inbox)> CreateAsync(DatabaseProvider provider, ITestOutputHelper output)
    {
        var archive = await ArchiveHarness.CreateAsync(provider);
        var inbox = Path.Combine(archive.Folder, "inbox");
        var paths = new ResolvedPaths(archive.Folder, "", inbox, archive.Folder, archive.Folder, archive.Settings.SpoolFolder);
        var source = new FolderMailboxSource(archive.Importer, archive.Pipeline, paths, TimeProvider.System, new TestOutputLogger<FolderMailboxSource>(output));
        Directory.CreateDirectory(inbox);
        return (archive, source, inbox);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_dropped_while_run_runs_is_ingested_and_moved_to_processed(DatabaseProvider provider)
    {
        var (archive, source, inbox) = await CreateAsync(provider, output);
        await using var _ = archive;
        using var stop = new CancellationTokenSource();
        var running = source.RunAsync(stop.Token);

        TestMail.Numbered(1)[0].WriteTo(Path.Combine(inbox, "nop bai.eml"));
        await WaitUntilAsync(() => File.Exists(Path.Combine(inbox, "processed", "nop bai.eml")));

        Assert.Equal(1, await archive.ScalarAsync("SELECT COUNT(*) FROM messages WHERE status = 'accepted'"));
        Assert.False(File.Exists(Path.Combine(inbox, "nop bai.eml")));
        // The same name again is kept beside the first, never overwritten.
        TestMail.Numbered(1, first: 1)[0].WriteTo(Path.Combine(inbox, "nop bai.eml"));
        await WaitUntilAsync(() => File.Exists(Path.Combine(inbox, "processed", "nop bai.1.eml")));
        Assert.Equal(2, await archive.ScalarAsync("SELECT COUNT(*) FROM messages"));

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_half_written_file_is_not_read_before_it_is_complete()
    {
        var (archive, source, inbox) = await CreateAsync(DatabaseProvider.Sqlite, output);
        await using var _ = archive;
        var message = TestMail.Numbered(1, attachmentBytes: 200_000)[0];
        var bytes = ArchiveHarness.Bytes(message);
        var path = Path.Combine(inbox, "dang ghi.eml");

        await using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await writer.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await writer.FlushAsync();
            // A whole pass (look, wait past the settle time, look again) while the writer is at work:
            // its end is the event to assert on, no sleeping.
            await source.RunOnceAsync(CancellationToken.None);
            Assert.True(File.Exists(path));
            Assert.Equal(0, await archive.ScalarAsync("SELECT COUNT(*) FROM messages"));
            await writer.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        }

        await source.RunOnceAsync(CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(inbox, "processed", "dang ghi.eml")));
        var stored = await archive.SubmissionAsync(1);
        Assert.Equal(Submissions.Sha256(Submissions.Jpeg(200_000, 0)), stored.Attachments.Single(a => a.FileName == "ảnh 0.jpg").Sha256);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_goes_to_failed_with_the_reason_beside_it()
    {
        var (archive, source, inbox) = await CreateAsync(DatabaseProvider.Sqlite, output);
        await using var _ = archive;
        // A dangling link cannot be read even by root (tests run as root, so permissions would not do).
        File.CreateSymbolicLink(Path.Combine(inbox, "hong.eml"), Path.Combine(inbox, "no-such-target.eml"));
        TestMail.Numbered(1)[0].WriteTo(Path.Combine(inbox, "tot.eml"));

        await source.RunOnceAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(inbox, "processed", "tot.eml")));
        Assert.NotNull(new FileInfo(Path.Combine(inbox, "failed", "hong.eml")).LinkTarget);
        var reason = await File.ReadAllTextAsync(Path.Combine(inbox, "failed", "hong.eml.error.txt"));
        Assert.Contains("hong.eml", reason);
        Assert.Equal(1, await archive.ScalarAsync("SELECT COUNT(*) FROM messages"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not met");
            await Task.Delay(25);
        }
    }
}
