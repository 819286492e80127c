using EvidenceMailWorker.Outbound;

namespace EvidenceMailWorker.Receipts;

// Pulsed when a verdict that owes an answer commits, so the scheduler looks at once.
public sealed class ReceiptSignal
{
    public Wakeup Wakeup { get; } = new();
}
