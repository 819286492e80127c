namespace EvidenceMailWorker.Ingestion;

// One file of a submission, as CONTRACT §3 "attachments" lists it: a file part, a TNEF member, a file
// of a forwarded message, an archive, or an entry of an archive (ArchivePath set).
public sealed record ExtractedAttachment(
    string FileName,
    string OriginalFileName,
    string DeclaredContentType,
    string DetectedContentType,
    SpooledFile Content,
    string? ArchivePath);

// Why the decomposition makes the message unfit to count, in CONTRACT §3 reason codes.
public static class DecompositionProblems
{
    public const string ArchiveLimit = "archive-limit";
    public const string EncryptedArchive = "encrypted-archive";
}

public sealed record DecomposedMessage(
    IReadOnlyList<ExtractedAttachment> Attachments,
    string? TextBody,
    string? HtmlBody,
    // null when fine; else one of DecompositionProblems, with a sentence for the office in ProblemDetail.
    string? Problem,
    string? ProblemDetail);
