using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Reports;

// The report of what is stored (`report`, and `demo`'s year report): the accepted submissions the
// scope counts, through ReportBuilder (the scheduled jobs pass theirs, cut at their instant, directly).
public sealed class StoredReport(SubmissionQueries submissions)
{
    public async Task<Report> BuildAsync(CampaignOptions campaign, ReportScope scope, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var accepted = await submissions.ListAsync(new SubmissionFilter(Status: MessageStatus.Accepted, Period: scope.PeriodId), cancellationToken);
        return ReportBuilder.Build(campaign, accepted, scope, generatedAt);
    }
}
