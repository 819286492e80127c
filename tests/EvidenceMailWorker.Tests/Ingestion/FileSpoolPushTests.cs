using EvidenceMailWorker.Ingestion;
using Xunit;
using static EvidenceMailWorker.Tests.Ingestion.DecompositionFixture;

namespace EvidenceMailWorker.Tests.Ingestion;

public sealed class FileSpoolPushTests : IDisposable
{
    private readonly DecompositionFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Writer_output_is_hashed_and_counted()
    {
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();

        var file = await _fixture.Spool.SpoolAsync(
            async (output, ct) =>
            {
                await output.WriteAsync(bytes.AsMemory(0, 100_000), ct);
                output.Write(bytes, 100_000, 200_000);
            },
            CancellationToken.None);

        Assert.Equal(bytes.Length, file.Size);
        Assert.Equal(Sha256(bytes), file.Sha256);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file.Path!));
    }

    [Fact]
    public async Task Content_nobody_reads_again_is_identified_without_touching_the_disk()
    {
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        var seenHead = 0;

        var (file, head) = await _fixture.Spool.SpoolAsync(
            (output, ct) =>
            {
                for (var i = 0; i < bytes.Length; i += 1000)
                    output.Write(bytes, i, Math.Min(1000, bytes.Length - i));
                return Task.CompletedTask;
            },
            start =>
            {
                seenHead = start.Length;
                return false;
            },
            CancellationToken.None);

        Assert.Null(file.Path);
        Assert.Equal(bytes.Length, file.Size);
        Assert.Equal(Sha256(bytes), file.Sha256);
        Assert.Equal(EvidenceMailWorker.Core.FileTypeSniffer.HeadLength, seenHead);
        Assert.Equal(bytes[..EvidenceMailWorker.Core.FileTypeSniffer.HeadLength], head);
        Assert.Equal(0, _fixture.SpooledFiles);
        Assert.Throws<InvalidOperationException>(() => file.OpenRead());
    }

    [Fact]
    public async Task Content_shorter_than_the_head_is_decided_on_all_of_it_and_kept_whole()
    {
        var bytes = "%PDF-1.4 nhỏ"u8.ToArray();

        var (file, head) = await _fixture.Spool.SpoolAsync(
            (output, ct) => output.WriteAsync(bytes, ct).AsTask(),
            start => start.Span.SequenceEqual(bytes),
            CancellationToken.None);

        Assert.Equal(bytes, head);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file.Path!));
        Assert.Equal(Sha256(bytes), file.Sha256);
    }

    [Fact]
    public async Task Writer_cannot_pass_the_limit()
    {
        // Past the head, so the file exists when the limit is reached.
        await Assert.ThrowsAsync<SpoolLimitExceededException>(() => _fixture.Spool.SpoolAsync(
            async (output, ct) =>
            {
                await output.WriteAsync(new byte[9000], ct);
                await output.WriteAsync(new byte[1001], ct);
            },
            CancellationToken.None,
            maxBytes: 10_000));

        Assert.True(_fixture.SpooledBytes == 0, "nothing past the limit reaches the disk, and the cut-off file is gone");
    }
}
