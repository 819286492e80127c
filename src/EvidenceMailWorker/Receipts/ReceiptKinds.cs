namespace EvidenceMailWorker.Receipts;

// What a pending answer is, and the outbox purpose each becomes.
public static class ReceiptKinds
{
    // A registered unit's message: the full receipt (files, matches, what is still missing).
    public const string Receipt = "receipt";

    // A message from an address no unit registered: one short notice per sender per day.
    public const string UnknownSender = "unknown-sender";

    public const string ReceiptPurpose = "receipt";
    public const string UnknownSenderPurpose = "unknown-sender-notice";
}
