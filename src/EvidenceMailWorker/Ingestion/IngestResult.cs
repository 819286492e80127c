namespace EvidenceMailWorker.Ingestion;

public sealed record IngestResult(long MessageId, bool Duplicate, string Status, string? Reason);
