namespace EvidenceMailWorker.Receipts;

public sealed record PendingReceipt(long MessageId, string Kind, string Sender, DateTime ReceivedAtUtc, DateTime CreatedAtUtc);

// Messages of one sender answered by one email, threaded under the last of them.
public sealed record ReceiptBatch(string Kind, string Sender, IReadOnlyList<PendingReceipt> Items)
{
    public PendingReceipt Last => Items[^1];
}
