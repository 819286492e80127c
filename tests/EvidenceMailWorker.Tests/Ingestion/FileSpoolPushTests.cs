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
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file.Path));
    }

    [Fact]
    public async Task Writer_cannot_pass_the_limit()
    {
        await Assert.ThrowsAsync<SpoolLimitExceededException>(() => _fixture.Spool.SpoolAsync(
            (output, ct) => output.WriteAsync(new byte[1001], 0, 1001, ct),
            CancellationToken.None,
            maxBytes: 1000));

        Assert.True(_fixture.SpooledBytes == 0, "nothing past the limit reaches the disk");
    }
}
