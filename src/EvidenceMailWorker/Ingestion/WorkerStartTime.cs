namespace EvidenceMailWorker.Ingestion;

// When this worker process started. The first start on a mailbox ingests months of submissions;
// receipts answer only mail received after the worker started, never that backlog (`run` hands
// this time to ReceiptPolicy).
public sealed class WorkerStartTime(TimeProvider clock)
{
    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();
}
