using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Storage;

// A file's bytes written to a temporary file and hashed on the way, so that nothing larger than a
// copy buffer is ever held in memory and the SHA-256 (the content address) is known before storage.
// Path is null for content that was only identified (hashed and counted, FileSpool) and not kept.
// (Defined here, not in Ingestion, because the archive stores it: Storage must not need Ingestion.)
public sealed record SpooledFile(string? Path, string Sha256, long Size)
{
    public FileStream OpenRead() =>
        new(Path ?? throw new InvalidOperationException($"content {Sha256} was identified, not kept in a file"),
            FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
}

// One file of a submission, as CONTRACT §3 "attachments" lists it: a file part, a TNEF member, a file
// of a forwarded message, an archive, or an entry of an archive (ArchivePath set).
public sealed record ExtractedAttachment(
    string FileName,
    string OriginalFileName,
    string DeclaredContentType,
    string DetectedContentType,
    SpooledFile Content,
    string? ArchivePath);

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
