using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Reports.Export;

// The one way the evidence package is made (`export`, and `demo` at the end of its year): the stored
// accepted submissions (of one period, or all), planned by ExportPlan and streamed by PackageWriter.
public sealed class EvidencePackage(SubmissionQueries submissions, StoredAttachments attachments)
{
    // progress: (files written, files planned, bytes written).
    public async Task<ExportResult> WriteAsync(CampaignOptions campaign, string path, string? periodId, DateTimeOffset generatedAt,
        Action<int, int, long>? progress, CancellationToken cancellationToken)
    {
        var accepted = await submissions.ListAsync(new SubmissionFilter(Status: MessageStatus.Accepted, Period: periodId), cancellationToken);
        var entries = ExportPlan.Build(campaign, accepted, periodId);
        return await new PackageWriter(attachments).WriteAsync(path, entries, campaign, periodId, generatedAt,
            progress is null ? null : (n, bytes) => progress(n, entries.Count, bytes), cancellationToken);
    }
}
