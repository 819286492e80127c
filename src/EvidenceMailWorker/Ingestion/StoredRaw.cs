namespace EvidenceMailWorker.Ingestion;

// A message whose raw bytes are committed (Result.Duplicate: they already were), awaiting its verdict.
public sealed record StoredRaw(IngestResult Result, DateTimeOffset ReceivedAt)
{
    public bool Duplicate => Result.Duplicate;
}
