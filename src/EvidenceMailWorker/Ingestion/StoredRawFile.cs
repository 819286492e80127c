using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// A stored message's raw bytes back into a spool file: streamed from the database straight into
// the hashed file (never whole in memory, one copy), and checked against the SHA-256 it is stored
// under. Null when the blob is missing.
public static class StoredRawFile
{
    public static async Task<SpooledFile?> LoadAsync(ArchiveStore store, string rawSha256, FileSpool spool, CancellationToken cancellationToken)
    {
        var found = false;
        var file = await spool.SpoolAsync(async (output, ct) => found = await store.CopyBlobToAsync(rawSha256, output, ct), cancellationToken);
        if (!found)
            return null;
        if (!string.Equals(file.Sha256, rawSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"the stored raw message {rawSha256} reads back as {file.Sha256}: the archive is damaged");
        return file;
    }
}
