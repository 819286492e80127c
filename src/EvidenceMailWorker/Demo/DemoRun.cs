using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Reports.Export;
using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Demo;

// `demo`: the bundled mail walked through the campaign from 1 March to the end of 31 October of its
// Year (every deadline, reminder, overdue notice and summary of the sample campaign lies inside), then
// what the office would make at the end of the year: the year report (workbook and charts) and the
// evidence package; last the index page over everything. The data folder is the demo folder.
public sealed class DemoRun(
    CampaignWalk walk, SubmissionQueries submissions, StoredAttachments attachments, IOptionsMonitor<CampaignOptions> campaignOptions, ResolvedPaths paths)
{
    public const string ReceivedFolder = "mail-received";
    public const string ExportFolder = "export";

    // The walk needs a database that has seen nothing (a fresh data folder always is one).
    public async Task<bool> DatabaseIsEmptyAsync(CancellationToken cancellationToken) =>
        (await submissions.ListAsync(new SubmissionFilter(), cancellationToken)).Count == 0;

    // progress: the simulated moment (in the campaign's zone) and what happens at it.
    public async Task<DemoReport> RunAsync(Action<DateTimeOffset, string>? progress, CancellationToken cancellationToken)
    {
        var campaign = campaignOptions.CurrentValue;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(campaign.TimeZone);
        var from = LocalTime.At(new DateOnly(campaign.Year, 3, 1), TimeOnly.MinValue, zone);
        var until = LocalTime.At(new DateOnly(campaign.Year, 11, 1), TimeOnly.MinValue, zone);
        var folder = paths.DataDirectory;
        var received = Path.Combine(folder, ReceivedFolder);

        var mail = SampleMail.Load();
        var walked = await walk.RunAsync(mail, from, until, received, (at, what) => progress?.Invoke(LocalTime.InZone(at, zone), what), cancellationToken);
        // Bundled mail the pipeline could not even read is a broken build, not a result to print.
        if (walked.Arrived.UnreadableFiles.Count > 0)
            throw new InvalidOperationException("bundled mail could not be read: " + string.Join("; ", walked.Arrived.UnreadableFiles));

        progress?.Invoke(LocalTime.InZone(until, zone), "year report");
        var year = await new StoredReport(submissions).BuildAsync(campaign, new ReportScope(null), until, cancellationToken);
        var yearFiles = ReportFiles.Write(year, campaign, Path.Combine(folder, "reports", $"bao-cao-ca-nam-{campaign.Year}.xlsx"));
        progress?.Invoke(LocalTime.InZone(until, zone), "export");
        var export = await new EvidencePackage(submissions, attachments).WriteAsync(campaign,
            Path.Combine(folder, ExportFolder, $"goi-minh-chung-{campaign.Year}.zip"), null, until, null, cancellationToken);

        var sent = SentMail.Read(paths.OutboxFolder);
        var summaries = JobRunner.ReportsFolder(paths, dryRun: false);
        string[] Files(string pattern) => Directory.Exists(summaries) ? [.. Directory.GetFiles(summaries, pattern).Order(StringComparer.Ordinal)] : [];
        var report = new DemoReport(folder, campaign.Organization, from, until,
            DemoReports.Count(walked.Arrived), DemoReports.Count(sent), DemoReports.Count(walked), DemoReports.Winners(year, campaign),
            new DemoFiles(Path.Combine(folder, DemoIndex.FileName), paths.OutboxFolder, received, Files("*.xlsx"), Files("*.png"),
                yearFiles.Workbook, yearFiles.Charts, export.Path),
            Seconds: 0);
        var stored = await submissions.ListAsync(new SubmissionFilter(), cancellationToken);
        await DemoIndex.WriteAsync(folder, report, sent, mail, stored, zone, cancellationToken);
        return report;
    }
}
