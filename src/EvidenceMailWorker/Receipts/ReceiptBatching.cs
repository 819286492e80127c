namespace EvidenceMailWorker.Receipts;

// The debounce, as a pure function: a sender's pending answers are due once nothing new from them
// has been recorded for `quiet`; they are then split wherever two consecutive messages were received
// more than `quiet` apart (so an import of a whole season still answers each sitting separately).
public static class ReceiptBatching
{
    public static IReadOnlyList<ReceiptBatch> Due(IEnumerable<PendingReceipt> open, DateTime nowUtc, TimeSpan quiet, bool ignoreQuiet = false)
    {
        var batches = new List<ReceiptBatch>();
        foreach (var group in open.GroupBy(p => (p.Kind, Sender: p.Sender.ToLowerInvariant())))
        {
            if (!ignoreQuiet && nowUtc - group.Max(p => p.CreatedAtUtc) < quiet)
                continue;
            var ordered = group.OrderBy(p => p.ReceivedAtUtc).ThenBy(p => p.MessageId).ToList();
            var current = new List<PendingReceipt> { ordered[0] };
            foreach (var item in ordered.Skip(1))
            {
                if (item.ReceivedAtUtc - current[^1].ReceivedAtUtc > quiet)
                {
                    batches.Add(new ReceiptBatch(group.Key.Kind, group.Key.Sender, current));
                    current = [];
                }
                current.Add(item);
            }
            batches.Add(new ReceiptBatch(group.Key.Kind, group.Key.Sender, current));
        }
        return batches;
    }
}
