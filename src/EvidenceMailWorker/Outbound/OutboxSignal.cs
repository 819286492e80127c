namespace EvidenceMailWorker.Outbound;

// Pulsed after a transaction that enqueued mail commits, so delivery starts at once, not at the next poll.
public sealed class OutboxSignal
{
    public Wakeup Wakeup { get; } = new();
}
