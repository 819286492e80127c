using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// Attachment and archive-entry bytes are not stored a second time: the raw message is the truth,
// and its files are derived from it by the same decomposition that listed them at ingest. A file is
// found by its recorded SHA-256, so the bytes handed out are exactly the ones the archive recorded.
public sealed class StoredAttachments(ArchiveStore store, MessageDecomposer decomposer, Func<IngestionSettings> settings)
{
    public async Task<DerivedAttachments> DeriveAsync(long messageId, CancellationToken cancellationToken)
    {
        var current = settings();
        var spool = new FileSpool(current.SpoolFolder);
        try
        {
            var rawSha256 = await store.RawSha256Async(messageId, cancellationToken)
                ?? throw new InvalidOperationException($"message {messageId} is not in the archive");
            var raw = await StoredRawFile.LoadAsync(store, rawSha256, spool, cancellationToken)
                ?? throw new InvalidOperationException($"the raw bytes of message {messageId} ({rawSha256}) are missing from the archive");
            IReadOnlyList<ExtractedAttachment> files = [];
            await using (var stream = raw.OpenRead())
            {
                if (MailParsing.TryLoad(stream, cancellationToken) is { } message)
                    files = (await decomposer.DecomposeAsync(message, spool, current.Limits, cancellationToken, keepFiles: true)).Attachments;
            }
            return new DerivedAttachments(messageId, spool, files);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }
}

// The files of one message, decoded into its spool folder; disposing deletes them.
public sealed class DerivedAttachments(long messageId, FileSpool spool, IReadOnlyList<ExtractedAttachment> files) : IDisposable
{
    public long MessageId { get; } = messageId;

    // False when no file of the message has these bytes (e.g. the limits were lowered since ingest).
    public async Task<bool> CopyToAsync(string sha256, Stream destination, CancellationToken cancellationToken)
    {
        var file = files.FirstOrDefault(f => string.Equals(f.Content.Sha256, sha256, StringComparison.OrdinalIgnoreCase));
        if (file is null)
            return false;
        await using var input = file.Content.OpenRead();
        await input.CopyToAsync(destination, cancellationToken);
        return true;
    }

    public void Dispose() => spool.Dispose();
}
