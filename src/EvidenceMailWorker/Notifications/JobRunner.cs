using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Notifications;

// Runs one of the four jobs as if the clock read `at` (CONTRACT §2 `jobs run`, and every Quartz fire):
// plans from the stored submissions, renders with the office's templates, and, unless it is a dry run,
// writes each email to the outbox under its §5 key, so running the same job at the same instant
// again (a restart, a misfire, a second worker) queues nothing new.
public sealed class JobRunner(
    Database database,
    SubmissionQueries submissions,
    OutboxWriter outbox,
    IOptionsMonitor<CampaignOptions> campaignOptions,
    IOptionsMonitor<OutboxOptions> outboxOptions,
    IOptionsMonitor<TemplatesOptions> templatesOptions,
    ResolvedPaths paths,
    ConfigReloadState reloads,
    ILogger<JobRunner> logger)
{
    // period: the period a scheduled fire time was computed for (a summary closes that period even when
    // the next deadline has passed by the time it runs); null = decided from `at`, as `jobs run` does.
    public async Task<JobRun> RunAsync(string job, DateTimeOffset at, bool dryRun, CancellationToken cancellationToken, string? period = null)
    {
        var campaign = campaignOptions.CurrentValue;
        var templates = EmailTemplates.Load(templatesOptions.CurrentValue.ResolvedFolder);
        var all = await submissions.ListAsync(new SubmissionFilter(), cancellationToken);
        var (planPeriod, planned, report) = await PlanAsync(job, campaign, at, all, period, cancellationToken);

        var emails = new List<JobEmail>();
        foreach (var plan in planned)
        {
            if (plan.To.Count == 0)
            {
                // Leader, deputy and supervisor without an address: nobody can be told (config check notes it).
                logger.LogWarning("Job {Job}: {Key} has no recipient (no address for the cluster's leader, deputy or supervisor); not sent", job, plan.Key);
                continue;
            }
            var attachments = report is null ? [] : WriteReportFiles(report, campaign, plan, dryRun);
            var view = plan.View is SummaryView summary ? summary with { Attachments = attachments.Select(a => Path.GetFileName(a)).ToList() } : plan.View;
            emails.Add(new JobEmail(plan with { View = view }, templates.Render(plan.Purpose, view), attachments));
        }

        var queued = 0;
        if (!dryRun)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            foreach (var email in emails)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var message = JobMessages.Create(campaign, outboxOptions.CurrentValue, email);
                if (await outbox.EnqueueAsync(connection, transaction, email.Plan.Purpose, email.Plan.Key, message, cancellationToken))
                    queued++;
                await transaction.CommitAsync(cancellationToken);
            }
        }
        logger.LogInformation("Job {Job} at {At:yyyy-MM-dd HH:mm zzz}: {Emails} email(s){Mode}", job, at, emails.Count,
            dryRun ? " (dry run, nothing queued)" : $", {queued} newly queued");
        return new JobRun(job, at, planPeriod, dryRun, emails, queued);
    }

    private async Task<(string? Period, IReadOnlyList<PlannedEmail> Emails, Report? Report)> PlanAsync(
        string job, CampaignOptions campaign, DateTimeOffset at, IReadOnlyList<SubmissionRecord> all, string? period, CancellationToken cancellationToken)
    {
        switch (job)
        {
            case JobNames.Reminders:
                {
                    var (reminded, emails) = ReminderPlanner.Reminders(campaign, at, all);
                    return (reminded, emails, null);
                }
            case JobNames.Overdue:
                {
                    var (overdue, emails) = ReminderPlanner.Overdue(campaign, at, all);
                    return (overdue, emails, null);
                }
            case JobNames.Digest:
                {
                    var since = new CampaignSchedule(campaign).PreviousDigest(at) ?? at.AddDays(-1);
                    var rejected = reloads.Rejected.Select(p => p.ToString()).ToList();
                    var digest = DigestPlanner.Plan(campaign, since, at, all, await DeadOutboxAsync(since, at, cancellationToken), rejected);
                    return (digest?.Period, digest is null ? [] : [digest], null);
                }
            case JobNames.Summary:
                {
                    var (report, email) = SummaryPlanner.Plan(campaign, at, all, period);
                    return (email?.Period, email is null ? [] : [email], report);
                }
            default:
                throw new ArgumentException($"unknown job '{job}'; use one of {string.Join(", ", JobNames.All)}", nameof(job));
        }
    }

    // Where the summaries' workbooks and charts stay, under the data folder so the office can open them again.
    public static string ReportsFolder(ResolvedPaths paths, bool dryRun) => Path.Combine(paths.DataDirectory, "reports", dryRun ? "dry-run" : "sent");

    private List<string> WriteReportFiles(Report report, CampaignOptions campaign, PlannedEmail plan, bool dryRun)
    {
        var written = ReportFiles.Write(report, campaign, Path.Combine(ReportsFolder(paths, dryRun), $"tong-hop-{plan.Period}.xlsx"));
        return [written.Workbook, .. written.Charts];
    }

    // Given up on since the previous digest: each is reported once.
    private async Task<IReadOnlyList<DeadOutboxItem>> DeadOutboxAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Purpose, string Recipients, string? LastError)>(new CommandDefinition(
            "SELECT purpose, recipients, last_error FROM outbox WHERE dead_at >= @Since AND dead_at < @Until ORDER BY id",
            new { Since = database.Dialect.Time(since.UtcDateTime), Until = database.Dialect.Time(until.UtcDateTime) }, cancellationToken: cancellationToken));
        return rows.Select(r => new DeadOutboxItem(r.Purpose,
            System.Text.Json.JsonSerializer.Deserialize<List<string>>(r.Recipients) ?? [], r.LastError)).ToList();
    }
}
