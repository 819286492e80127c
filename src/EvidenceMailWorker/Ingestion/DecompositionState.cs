using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// What one message's decomposition has produced so far and how much of the per-message archive
// budget it has used; shared by the MIME walk and the archive expansion so limits span both.
// KeepFiles: every file lands in the spool (export hands them out); otherwise only the files the
// walk itself opens again (archives, TNEF, embedded messages) do, and the rest are only identified.
internal sealed class DecompositionState(FileSpool spool, LimitsOptions limits, bool keepFiles, CancellationToken cancellationToken)
{
    public bool KeepFiles { get; } = keepFiles;
    public FileSpool Spool { get; } = spool;
    public LimitsOptions Limits { get; } = limits;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public List<ExtractedAttachment> Attachments { get; } = [];
    public long ExpandedBytes { get; set; }
    public int ExpandedEntries { get; set; }
    public string? Problem { get; private set; }
    public string? ProblemDetail { get; private set; }

    public long RemainingExpandedBytes => Math.Max(0, Limits.MaxArchiveExpandedBytes - ExpandedBytes);

    // The first problem is the one the office sees; later ones are usually its consequences.
    public void Report(string problem, string detail)
    {
        if (Problem is not null)
            return;
        Problem = problem;
        ProblemDetail = detail;
    }
}
