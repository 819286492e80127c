using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Ingestion.Imap;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;
using Xunit;

namespace EvidenceMailWorker.Tests.Imap;

// A fetched body is hashed as MailKit writes it, so adopting it costs no second read; the hashes must
// be the ones a read of the file gives, or the same message fetched and imported would be two.
public sealed class SpoolFileStreamTests : IAsyncLifetime
{
    private ArchiveHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ArchiveHarness.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static byte[] Message() => System.Text.Encoding.UTF8.GetBytes(
        ("From: \"Đoàn xã Ngọc Chúc\" <doan@example.vn>\r\nSubject: Minh chứng đợt 1\r\nMessage-ID: <a@example.vn>\r\n\r\n" +
         string.Concat(Enumerable.Range(0, 20_000).Select(i => $"dòng {i} của thư\r\n"))));

    [Fact]
    public async Task Hashes_taken_while_written_are_the_ones_a_read_of_the_file_gives()
    {
        var bytes = Message();
        var blank = System.Text.Encoding.ASCII.GetString(bytes).IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var stream = new SpoolFileStream(new FileSpool(_harness.Settings.SpoolFolder));
        // MailKit writes with Write(byte[], int, int); the pieces split the blank line that ends the
        // headers between its CRs and LFs, and lines and blocks further on.
        var at = 0;
        foreach (var end in new[] { 1, 8, blank + 1, blank + 2, blank + 3, blank + 9, 4096, 4219, 69_755, 69_758 })
        {
            stream.Write(bytes, at, end - at);
            at = end;
        }
        stream.WriteByte(bytes[at++]);
        await stream.WriteAsync(bytes.AsMemory(at, 10_000));
        at += 10_000;
        stream.Write(bytes, at, bytes.Length - at);
        stream.Position = 0; // as MailKit does before handing the stream over (CommitStream)

        using var adopted = await stream.AdoptAsync(_harness.Pipeline, CancellationToken.None);
        stream.Dispose(); // as MailKit does after its callback: the adopted file must stay
        var copy = Path.Combine(_harness.Folder, "copy.eml");
        File.Copy(adopted.Raw.Path!, copy);
        using var read = await _harness.Pipeline.AdoptFileAsync(copy, CancellationToken.None);

        Assert.False(stream.ReadAgainOnAdoption);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(adopted.Raw.Path!));
        Assert.Equal(read.Raw.Sha256, adopted.Raw.Sha256);
        Assert.Equal(bytes.LongLength, adopted.Raw.Size);
        Assert.Equal(read.BodySha256, adopted.BodySha256);
    }

    [Fact]
    public async Task An_adopted_file_lives_until_its_message_is_disposed()
    {
        var stream = new SpoolFileStream(new FileSpool(_harness.Settings.SpoolFolder));
        stream.Write(Message());
        var adopted = await stream.AdoptAsync(_harness.Pipeline, CancellationToken.None);
        stream.Dispose();
        Assert.True(File.Exists(adopted.Raw.Path));

        adopted.Dispose();

        Assert.Empty(Directory.EnumerateFileSystemEntries(_harness.Settings.SpoolFolder));
    }

    [Fact]
    public async Task A_write_that_goes_back_is_hashed_by_reading_the_file_again()
    {
        var bytes = Message();
        var stream = new SpoolFileStream(new FileSpool(_harness.Settings.SpoolFolder));
        stream.Write(new byte[100]);
        stream.Position = 0;
        stream.Write(bytes);

        using var adopted = await stream.AdoptAsync(_harness.Pipeline, CancellationToken.None);
        var copy = Path.Combine(_harness.Folder, "copy.eml");
        await File.WriteAllBytesAsync(copy, bytes);
        using var read = await _harness.Pipeline.AdoptFileAsync(copy, CancellationToken.None);

        Assert.True(stream.ReadAgainOnAdoption);
        Assert.Equal(read.Raw.Sha256, adopted.Raw.Sha256);
        Assert.Equal(read.BodySha256, adopted.BodySha256);
    }

    [Fact]
    public async Task A_fetch_abandoned_half_way_leaves_nothing_in_the_spool()
    {
        await using (var stream = new SpoolFileStream(new FileSpool(_harness.Settings.SpoolFolder)))
            stream.Write(Message().AsSpan(0, 5000));
        using (var stream = new SpoolFileStream(new FileSpool(_harness.Settings.SpoolFolder)))
            stream.Write(Message().AsSpan(0, 5000));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_harness.Settings.SpoolFolder));
    }
}
