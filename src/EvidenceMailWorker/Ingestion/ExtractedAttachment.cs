using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

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
