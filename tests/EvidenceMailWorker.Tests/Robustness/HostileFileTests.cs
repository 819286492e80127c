using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Ingestion.Folder;
using EvidenceMailWorker.Tests.Support;
using Xunit.Abstractions;

namespace EvidenceMailWorker.Tests.Robustness;

// Our own odd files (Data/hostile, one per class the public corpora showed): two different byte
// sequences are never one message unless they share a Message-ID and a body; what is not mail is
// refused with a note instead of being stored or silently left.
public sealed class HostileFileTests(ITestOutputHelper output)
{
    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Data", "hostile");

    private static string[] MailFixtures => Directory.GetFiles(Fixtures)
        .Where(f => Path.GetFileName(f) is not ("outlook.msg" or "note.txt" or "README.md")).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_odd_mail_file_is_stored_as_its_own_message(DatabaseProvider provider)
    {
        await using var archive = await ArchiveHarness.CreateAsync(provider);

        var first = await archive.Importer.ImportAsync([Fixtures], CancellationToken.None);

        Assert.Equal(MailFixtures.Length, first.Messages);
        Assert.Equal(MailFixtures.Length, first.Imported);
        Assert.Equal(0, first.Duplicates);
        Assert.Equal(0, first.Failed);
        Assert.Equal(MailFixtures.Length, await archive.ScalarAsync("SELECT COUNT(DISTINCT raw_sha256) FROM messages"));
        Assert.Equal(2, first.UnreadableFiles.Count);
        Assert.Contains(first.UnreadableFiles, u => u.Contains("outlook.msg") && u.Contains(".eml"));
        Assert.Contains(first.UnreadableFiles, u => u.Contains("note.txt") && u.Contains("not an e-mail"));

        var again = await archive.Importer.ImportAsync([Fixtures], CancellationToken.None);
        Assert.Equal(MailFixtures.Length, again.Duplicates);
        Assert.Equal(0, again.Imported);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Four_different_garbage_files_are_four_messages(DatabaseProvider provider)
    {
        await using var archive = await ArchiveHarness.CreateAsync(provider);
        string[] garbage = ["just one line", "just another line", "x", "y\n"];
        foreach (var text in garbage)
            Assert.False((await archive.IngestAsync(System.Text.Encoding.UTF8.GetBytes(text))).Duplicate);
        Assert.Equal(4, await archive.ScalarAsync("SELECT COUNT(*) FROM messages"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_row_stored_under_an_older_key_is_still_recognised_by_its_bytes(DatabaseProvider provider)
    {
        await using var archive = await ArchiveHarness.CreateAsync(provider);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Fixtures, "header-line-without-colon-a.eml"));
        var stored = await archive.IngestAsync(bytes);
        // What an earlier version keyed this message by: the Message-ID and the (empty) tail after its first blank line.
        await archive.ScalarAsync($"UPDATE messages SET content_key = 'legacy-key' WHERE id = {stored.MessageId}");

        var again = await archive.IngestAsync(bytes);

        Assert.True(again.Duplicate);
        Assert.Equal(stored.MessageId, again.MessageId);
    }

    [Fact]
    public void The_same_message_with_other_line_ends_keeps_its_body_hash()
    {
        var lf = "From: a@example.org\nMessage-ID: <x@example.org>\nSubject : old style\n\nbody line\n"u8.ToArray();
        var crlf = "From: a@example.org\r\nMessage-ID: <x@example.org>\r\nSubject : old style\r\n\r\nbody line\r\n"u8.ToArray();
        var moreHeaders = "X-Gmail-Labels: Inbox\nFrom: a@example.org\nMessage-ID: <x@example.org>\nSubject : old style\n\nbody line\n"u8.ToArray();
        Assert.Equal(Hash(lf, 3), Hash(crlf, 5));
        Assert.Equal(Hash(lf, 7), Hash(moreHeaders, 11));
    }

    private static string Hash(byte[] bytes, int chunk)
    {
        using var hasher = new BodyHasher();
        for (var i = 0; i < bytes.Length; i += chunk)
            hasher.Append(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        Assert.True(hasher.HasBody);
        return Convert.ToHexString(hasher.Finish());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task In_the_inbox_folder_a_note_is_stored_and_what_is_not_mail_goes_to_failed_with_a_note(DatabaseProvider provider)
    {
        await using var archive = await ArchiveHarness.CreateAsync(provider);
        var inbox = Path.Combine(archive.Folder, "inbox");
        Directory.CreateDirectory(inbox);
        var paths = new ResolvedPaths(archive.Folder, "", inbox, archive.Folder, archive.Folder, archive.Settings.SpoolFolder);
        var source = new FolderMailboxSource(archive.Importer, archive.Pipeline, paths, TimeProvider.System, new TestOutputLogger<FolderMailboxSource>(output));
        await File.WriteAllTextAsync(Path.Combine(inbox, "ghi chu.eml"), "Nhớ gửi báo cáo.\n");
        File.Copy(Path.Combine(Fixtures, "outlook.msg"), Path.Combine(inbox, "thu outlook.msg"));
        File.Copy(Path.Combine(Fixtures, "note.txt"), Path.Combine(inbox, "note.txt"));
        File.Copy(Path.Combine(Fixtures, "mail-text.msg"), Path.Combine(inbox, "mail-text.msg"));

        await source.RunOnceAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(inbox, "processed", "ghi chu.eml")));
        Assert.True(File.Exists(Path.Combine(inbox, "processed", "mail-text.msg")));
        Assert.Equal(2, await archive.ScalarAsync("SELECT COUNT(*) FROM messages"));
        Assert.Contains("Save the mail as .eml", await File.ReadAllTextAsync(Path.Combine(inbox, "failed", "thu outlook.msg.error.txt")));
        Assert.Contains("not an e-mail", await File.ReadAllTextAsync(Path.Combine(inbox, "failed", "note.txt.error.txt")));
        Assert.Empty(Directory.GetFiles(inbox));
    }
}
