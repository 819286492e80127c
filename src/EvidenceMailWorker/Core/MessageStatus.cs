namespace EvidenceMailWorker.Core;

// The stable status and reason codes of CONTRACT §3; receipts and digests translate them.
public static class MessageStatus
{
    public const string Accepted = "accepted";
    public const string Quarantined = "quarantined";
    public const string Ignored = "ignored";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Accepted, Quarantined, Ignored, Failed];
}

public static class Reasons
{
    // quarantined
    public const string UnknownSender = "unknown-sender";
    // An office, supervisor or campaign address writing itself (not forwarding a unit's mail):
    // kept for the office to see, never answered with the "not registered" notice.
    public const string StaffMessage = "staff-message";
    public const string FailedAuthentication = "failed-authentication";
    public const string Unparseable = "unparseable";
    public const string TooLarge = "too-large";
    public const string ArchiveLimit = "archive-limit";
    public const string EncryptedArchive = "encrypted-archive";

    // ignored
    public const string AutoReply = "auto-reply";
    public const string Bounce = "bounce";
    public const string ReadReceipt = "read-receipt";
    public const string Bulk = "bulk";
    public const string OwnMessage = "own-message";

    // failed
    public const string Error = "error";
}
