using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Schedule;

// CONTRACT §5 Summaries: after a deadline, the period report to the office and every supervisor,
// its text in the body and its workbook and charts attached (the caller writes the files).
public static class SummaryPlanner
{
    public const string Purpose = "summary";

    // The period is the one given (the fire time's own), else the last one whose deadline is at or
    // before `at`: the one the summary closes.
    public static (Report? Report, PlannedEmail? Email) Plan(CampaignOptions c, DateTimeOffset at, IReadOnlyList<SubmissionRecord> submissions, string? periodId = null)
    {
        var schedule = new CampaignSchedule(c);
        var last = periodId is null
            ? schedule.Deadlines.LastOrDefault(d => d.Deadline <= at)
            : schedule.Deadlines.FirstOrDefault(d => d.Id == periodId);
        if (last.Id is null)
            return (null, null);
        var period = c.Periods.First(p => p.Id == last.Id);
        var report = ReportBuilder.Build(c, ReminderPlanner.Before(submissions, at), new ReportScope(period.Id), at);
        using var text = new StringWriter();
        ReportText.Write(text, report, c);
        var to = Recipients.Distinct(c.Office.Recipients.Concat(c.Clusters.Select(cl => cl.Supervisor.Email)));
        var view = new SummaryView(c.Organization, period.Name, VietnameseTime.Format(last.Deadline, schedule.Zone), text.ToString(), []);
        return (report, new PlannedEmail(Purpose, $"summary/{period.Id}", to, [], null, period.Id, null, null, null, null, view));
    }
}
