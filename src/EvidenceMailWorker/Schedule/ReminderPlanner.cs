using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Schedule;

// CONTRACT §5 Reminders and Overdue notices, as emails to plan. Pure: the caller passes the instant
// and the stored submissions.
public static class ReminderPlanner
{
    public const string ReminderPurpose = "reminder";
    public const string OverduePurpose = "overdue";

    // For the first period whose deadline is after `at`: each cluster that, counting that period's
    // evidence received before `at`, lacks any required item of any track.
    public static (string? Period, IReadOnlyList<PlannedEmail> Emails) Reminders(CampaignOptions c, DateTimeOffset at, IReadOnlyList<SubmissionRecord> submissions)
    {
        var schedule = new CampaignSchedule(c);
        var next = schedule.Deadlines.FirstOrDefault(d => d.Deadline > at);
        if (next.Id is null)
            return (null, []);
        var period = c.Periods.First(p => p.Id == next.Id);
        var report = ReportBuilder.Build(c, Before(submissions, at), new ReportScope(period.Id), at);
        var localDate = LocalTime.DateOf(at, schedule.Zone);
        var daysLeft = LocalTime.DateOf(next.Deadline, schedule.Zone).DayNumber - localDate.DayNumber;
        var emails = new List<PlannedEmail>();
        foreach (var cluster in c.Clusters)
        {
            var (missing, tracks) = ClusterGaps.Of(c, report, cluster);
            if (missing.Units.Count == 0 && missing.Cluster.Count == 0)
                continue;
            var (to, cc) = Recipients.OfCluster(c, cluster);
            var view = new ReminderView(c.Organization, cluster.Name, period.Name, VietnameseTime.Format(next.Deadline, schedule.Zone),
                daysLeft, tracks, HowToSend(c, cluster, period));
            emails.Add(new PlannedEmail(ReminderPurpose, $"reminder/{period.Id}/{cluster.Id}/{localDate:yyyy-MM-dd}", to, cc,
                cluster.Id, period.Id, missing, null, null, null, view));
        }
        return (period.Id, emails);
    }

    // For the last period whose deadline is at or before `at`: each cluster with no accepted
    // submission for it received before `at`; the office is copied.
    public static (string? Period, IReadOnlyList<PlannedEmail> Emails) Overdue(CampaignOptions c, DateTimeOffset at, IReadOnlyList<SubmissionRecord> submissions)
    {
        var schedule = new CampaignSchedule(c);
        var last = schedule.Deadlines.LastOrDefault(d => d.Deadline <= at);
        if (last.Id is null)
            return (null, []);
        var period = c.Periods.First(p => p.Id == last.Id);
        var report = ReportBuilder.Build(c, Before(submissions, at), new ReportScope(period.Id), at);
        var localDate = LocalTime.DateOf(at, schedule.Zone);
        var daysLate = localDate.DayNumber - LocalTime.DateOf(last.Deadline, schedule.Zone).DayNumber;
        var emails = new List<PlannedEmail>();
        foreach (var cluster in c.Clusters)
        {
            // Submissions counted for the cluster in the report: the same cluster rule as everywhere.
            if (report.Tracks.Any(t => t.Clusters.First(s => s.Cluster.Id == cluster.Id).Submissions > 0))
                continue;
            var (missing, _) = ClusterGaps.Of(c, report, cluster);
            var (to, cc) = Recipients.OfCluster(c, cluster, c.Office.Recipients);
            var view = new OverdueView(c.Organization, cluster.Name, period.Name, VietnameseTime.Format(last.Deadline, schedule.Zone),
                daysLate, string.Join(", ", c.Office.Recipients), HowToSend(c, cluster, period));
            emails.Add(new PlannedEmail(OverduePurpose, $"overdue/{period.Id}/{cluster.Id}/{localDate:yyyy-MM-dd}", to, cc,
                cluster.Id, period.Id, missing, null, null, null, view));
        }
        return (period.Id, emails);
    }

    public static IReadOnlyList<SubmissionRecord> Before(IEnumerable<SubmissionRecord> submissions, DateTimeOffset at) =>
        submissions.Where(s => new DateTimeOffset(s.ReceivedAtUtc, TimeSpan.Zero) < at).ToList();

    // The examples must work as written: a code only one track has (a code of both tracks counts only
    // when the subject names the track, so then the example subject names it).
    public static HowToSend HowToSend(CampaignOptions c, ClusterOptions cluster, PeriodOptions period)
    {
        var tracksOfCode = c.Criteria.GroupBy(x => Text.CodeForm.Parse(x.Code)?.Key ?? x.Code)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Track).Distinct().Count());
        var unique = c.Criteria.FirstOrDefault(x => tracksOfCode[Text.CodeForm.Parse(x.Code)?.Key ?? x.Code] == 1);
        var criterion = unique ?? c.Criteria.FirstOrDefault();
        var code = criterion?.Code ?? "1.1";
        var trackWord = unique is null && criterion is not null
            ? c.Tracks.FirstOrDefault(t => t.Id == criterion.Track)?.Keywords.FirstOrDefault() : null;
        var unit = cluster.Units.Skip(1).Select(id => c.Units.FirstOrDefault(u => u.Id == id)?.Name).FirstOrDefault(n => n is not null) ?? "Tên đơn vị";
        var subject = trackWord is null ? $"{cluster.Name} gửi minh chứng {period.Name}" : $"{cluster.Name} gửi minh chứng {trackWord} {period.Name}";
        return new HowToSend(c.Mailbox, subject, $"TC {code} - {unit} - Kế hoạch.pdf", $"Tiêu chí {code}/anh 1.jpg");
    }
}
