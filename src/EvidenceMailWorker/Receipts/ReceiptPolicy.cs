namespace EvidenceMailWorker.Receipts;

// Whether this process answers mail at all, and from which received time on. Off by default, so an
// `import` of last year's mailbox never mails anyone; `run` turns it on from its start time (old
// mail found in the inbox at start is archived silently), `import --send-receipts` for everything.
public sealed class ReceiptPolicy
{
    private DateTimeOffset? _from;

    public DateTimeOffset? ReceiptsFrom => _from;

    public void SendFrom(DateTimeOffset receivedAtOrAfter) => _from = receivedAtOrAfter;

    public void SendForEverything() => _from = DateTimeOffset.MinValue;
}
