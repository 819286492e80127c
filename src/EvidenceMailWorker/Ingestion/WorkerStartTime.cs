namespace EvidenceMailWorker.Ingestion;

// When this worker process started. The first start on a mailbox ingests months of submissions;
// receipts (issue 4) must answer only mail received after the worker started, never that backlog.
public sealed class WorkerStartTime(TimeProvider clock)
{
    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    // The switch the receipts feature reads: false for mail older than the start (the backlog).
    public bool ReceiptsAllowedFor(DateTimeOffset receivedAt) => receivedAt >= StartedAt;
}
