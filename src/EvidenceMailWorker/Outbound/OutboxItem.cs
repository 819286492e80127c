namespace EvidenceMailWorker.Outbound;

// One stored outgoing email as the transports see it: envelope plus the exact bytes to send.
public sealed record OutboxItem(
    long Id,
    string Purpose,
    string MessageId,
    string Sender,
    IReadOnlyList<string> Recipients,
    byte[] Mime,
    DateTime CreatedAtUtc,
    int Attempts);
