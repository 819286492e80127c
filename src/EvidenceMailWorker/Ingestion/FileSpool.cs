using System.Security.Cryptography;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// Owns a scratch folder for one message's spooled files; disposing deletes them all.
public sealed class FileSpool : IDisposable
{
    private readonly string _folder;
    private int _counter;

    public FileSpool(string parentFolder)
    {
        _folder = System.IO.Path.Combine(parentFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    // A fresh file name in this spool, for a writer that creates the file itself (MailKit's fetch).
    public string NewPath() => System.IO.Path.Combine(_folder, Interlocked.Increment(ref _counter).ToString("D6"));

    // observer sees every chunk as it is copied (e.g. a second hash), saving another read of the file.
    public async Task<SpooledFile> SpoolAsync(Stream content, CancellationToken cancellationToken, long maxBytes = long.MaxValue, Action<ReadOnlySpan<byte>>? observer = null)
    {
        var path = NewPath();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                    throw new SpoolLimitExceededException(maxBytes);
                hash.AppendData(buffer, 0, read);
                observer?.Invoke(buffer.AsSpan(0, read));
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        return new SpooledFile(path, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    // For producers that push bytes (MimeKit's DecodeTo, an archive entry's WriteTo) rather than
    // offer a stream to pull from: the writer decodes straight into the hashed file, so a large
    // attachment never sits in memory. Over maxBytes the write throws SpoolLimitExceededException.
    public async Task<SpooledFile> SpoolAsync(
        Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken, long maxBytes = long.MaxValue) =>
        (await SpoolAsync(write, _ => true, cancellationToken, maxBytes)).File;

    // The same, but the file is only written when needsFile, shown the content's first
    // FileTypeSniffer.HeadLength bytes, says so; otherwise the content is only hashed and counted
    // and the result's Path is null. Head is those first bytes, for sniffing without a read.
    public async Task<(SpooledFile File, byte[] Head)> SpoolAsync(
        Func<Stream, CancellationToken, Task> write, Func<ReadOnlyMemory<byte>, bool> needsFile, CancellationToken cancellationToken, long maxBytes = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var output = new SpoolSinkStream(NewPath(), maxBytes, needsFile);
        await write(output, cancellationToken);
        return await output.CompleteAsync(cancellationToken);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a leftover scratch folder is harmless; the next start cleans the parent */ }
        catch (UnauthorizedAccessException) { }
    }
}

public sealed class SpoolLimitExceededException(long limit)
    : Exception($"content exceeds the limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}
