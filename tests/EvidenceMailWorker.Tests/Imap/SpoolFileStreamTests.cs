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
        var spool = new FileSpool(_harness.Settings.SpoolFolder);
        var stream = new SpoolFileStream(spool);
        // Every way MailKit might write, in pieces that split lines and the header boundary.
        var at = 0;
        foreach (var size in new[] { 1, 7, 4096, 123, 65_536, 3 })
        {
            stream.Write(bytes, at, size);
            at += size;
        }
        stream.WriteByte(bytes[at++]);
        await stream.WriteAsync(bytes.AsMemory(at, 10_000));
        at += 10_000;
        await stream.WriteAsync(bytes, at, bytes.Length - at);

        using var adopted = await stream.AdoptAsync(_harness.Pipeline, CancellationToken.None);
        var copy = Path.Combine(_harness.Folder, "copy.eml");
        File.Copy(adopted.Raw.Path!, copy);
        using var read = await _harness.Pipeline.AdoptFileAsync(copy, CancellationToken.None);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(adopted.Raw.Path!));
        Assert.Equal(read.Raw.Sha256, adopted.Raw.Sha256);
        Assert.Equal(bytes.LongLength, adopted.Raw.Size);
        Assert.Equal(read.BodySha256, adopted.BodySha256);
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
