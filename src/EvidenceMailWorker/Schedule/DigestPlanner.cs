using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Schedule;

// An outgoing email the outbox gave up on, for the digest to show the office.
public sealed record DeadOutboxItem(string Purpose, IReadOnlyList<string> Recipients, string? LastError);

// CONTRACT §5 Digests: to the office, the messages received in [since, at): per cluster what arrived
// (late ones marked), then quarantined, ignored and failed mail with the reason, dead outbox items,
// and each cluster's progress for the current period. None when empty and SkipWhenEmpty.
public static class DigestPlanner
{
    public const string Purpose = "digest";

    public static PlannedEmail? Plan(CampaignOptions c, DateTimeOffset since, DateTimeOffset at, IReadOnlyList<SubmissionRecord> submissions,
        IReadOnlyList<DeadOutboxItem> deadOutbox, IReadOnlyList<string> configProblems)
    {
        var schedule = new CampaignSchedule(c);
        var zone = schedule.Zone;
        var arrived = submissions
            .Where(s => new DateTimeOffset(s.ReceivedAtUtc, TimeSpan.Zero) is var t && t >= since && t < at)
            .OrderBy(s => s.ReceivedAtUtc).ToList();
        if (arrived.Count == 0 && deadOutbox.Count == 0 && configProblems.Count == 0 && c.Digest.SkipWhenEmpty)
            return null;

        var directory = new CampaignDirectory(c);
        var current = schedule.Deadlines.FirstOrDefault(d => d.Deadline > at).Id ?? schedule.Deadlines.LastOrDefault().Id;
        var period = c.Periods.FirstOrDefault(p => p.Id == current);
        var report = period is null ? null : ReportBuilder.Build(c, ReminderPlanner.Before(submissions, at), new ReportScope(period.Id), at);

        var accepted = arrived.Where(s => s.Status == MessageStatus.Accepted).ToList();
        var clusters = c.Clusters.Select(cluster =>
        {
            var (covered, required) = report is null ? (0.0, 0.0) : Totals(report, cluster.Id);
            var percent = Progress.Percent(covered, required);
            var messages = accepted.Where(s => ClusterOf(directory, s) == cluster.Id).Select(s => Message(c, s, zone)).ToList();
            return new DigestCluster(cluster.Name, percent, Progress.Bar(percent), messages);
        }).ToList();
        var unassigned = accepted.Where(s => ClusterOf(directory, s) is null).Select(s => Message(c, s, zone)).ToList();

        var counts = new DigestCounts(arrived.Count, accepted.Count,
            arrived.Count(s => s.Status == MessageStatus.Quarantined), arrived.Count(s => s.Status == MessageStatus.Ignored),
            arrived.Count(s => s.Status == MessageStatus.Failed));
        var view = new DigestView(c.Organization, VietnameseTime.Format(since, zone), VietnameseTime.Format(at, zone), period?.Name ?? "",
            counts.Messages, counts.Accepted, counts.Quarantined, counts.Ignored, counts.Failed,
            clusters, unassigned,
            Others(arrived, MessageStatus.Quarantined, zone, s => ReasonText.Vietnamese(s.Reason)),
            Others(arrived, MessageStatus.Ignored, zone, s => ReasonText.Vietnamese(s.Reason)),
            Others(arrived, MessageStatus.Failed, zone, s => s.Error ?? ReasonText.Vietnamese(s.Reason)),
            deadOutbox.Select(d => new DeadMail(d.Purpose, string.Join(", ", d.Recipients), d.LastError ?? "")).ToList(),
            configProblems);
        var local = LocalTime.InZone(at, zone);
        return new PlannedEmail(Purpose, $"digest/{local:yyyy-MM-dd'T'HH:mm}", Recipients.Distinct(c.Office.Recipients), [],
            null, current, null, LocalTime.InZone(since, zone), local, counts, view);
    }

    // Points over every track: one bar per cluster.
    private static (double Covered, double Required) Totals(Report report, string clusterId)
    {
        var standings = report.Tracks.Select(t => t.Clusters.First(s => s.Cluster.Id == clusterId)).ToList();
        return (standings.Sum(s => s.CoveredPoints), standings.Sum(s => s.RequiredPoints));
    }

    private static string? ClusterOf(CampaignDirectory directory, SubmissionRecord s) =>
        s.Unit is not null ? directory.ClusterOfUnit(s.Unit)?.Id : s.Cluster;

    private static DigestMessage Message(CampaignOptions c, SubmissionRecord s, TimeZoneInfo zone)
    {
        string Units(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => c.Units.FirstOrDefault(u => u.Id == id)?.Name ?? id));
        var files = s.Attachments.Select(a => new DigestFile(a.ArchivePath ?? a.FileName, string.Join(", ", a.Criteria), Units(a.Units)))
            .Concat(s.Links.Select(l => new DigestFile(l.Url, string.Join(", ", l.Criteria), Units(l.Units))))
            .ToList();
        return new DigestMessage(VietnameseTime.Format(new DateTimeOffset(s.ReceivedAtUtc, TimeSpan.Zero), zone),
            s.FromName is { Length: > 0 } name ? $"{name} <{s.From}>" : s.From ?? "", s.Subject ?? "(không có tiêu đề)", s.Late == true, s.Status, files);
    }

    private static List<DigestOther> Others(IEnumerable<SubmissionRecord> arrived, string status, TimeZoneInfo zone, Func<SubmissionRecord, string> reason) =>
        arrived.Where(s => s.Status == status)
            .Select(s => new DigestOther(VietnameseTime.Format(new DateTimeOffset(s.ReceivedAtUtc, TimeSpan.Zero), zone),
                s.FromName is { Length: > 0 } name ? $"{name} <{s.From}>" : s.From ?? "", s.Subject ?? "(không có tiêu đề)", reason(s)))
            .ToList();
}
