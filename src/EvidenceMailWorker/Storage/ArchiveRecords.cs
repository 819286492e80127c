using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Storage;

// What is known of a message before any interpretation: enough to store it raw and find it again.
public sealed record RawMessage(
    string ContentKey,
    string? MessageId,
    SpooledFile Raw,
    string Source,
    DateTime ReceivedAtUtc,
    string? FromAddress,
    string? FromName,
    string? Subject);

public sealed record StoredMessageRef(long Id, bool Duplicate, string Status);

// The outcome of processing a stored message: its status and everything extracted from it.
public sealed record MessageVerdict(
    string Status,
    string? Reason,
    string? Error,
    string? FromAddress,
    string? FromName,
    string? OriginalFrom,
    string? Subject,
    string? ClusterId,
    string? UnitId,
    string? TextBody,
    string? HtmlBody,
    IReadOnlyList<ExtractedAttachment> Attachments,
    // Track, period, late, and per attachment (same order) its criteria and units, plus the links.
    MessageMatch? Match = null);

// A stored message whose processing has to be (re)done.
public sealed record PendingMessage(long Id, string RawSha256, string Source, DateTime ReceivedAtUtc, int Attempts);
