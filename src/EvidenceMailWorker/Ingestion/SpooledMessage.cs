using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// A raw message copied into its own spool folder, with the body hash taken on the way; owns the
// spool (and so the scratch files of everything extracted from it) until disposed.
public sealed record SpooledMessage(FileSpool Spool, SpooledFile Raw, byte[] BodySha256, IngestionSettings Settings) : IDisposable
{
    public void Dispose() => Spool.Dispose();
}
