using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Schedule;

namespace EvidenceMailWorker.Demo;

// What `demo` prints (the table, or `--json`) and what its index.html opens with.
public sealed record DemoReport(
    string Out, string Organization, DateTimeOffset From, DateTimeOffset Until, DemoMail Mail, DemoEmails Emails,
    DemoFireTimes FireTimes, IReadOnlyList<DemoWinner> Winners, DemoFiles Files, double Seconds);

// The bundled messages as the import counts them (CONTRACT §3 `import --json`).
public sealed record DemoMail(int Read, int Accepted, int Quarantined, int Ignored, int Failed, int Duplicates);

// The emails produced, by purpose (CONTRACT §5 X-EvidenceMail-Purpose).
public sealed record DemoEmails(int Receipts, int Notices, int Reminders, int Overdue, int Digests, int Summaries, int Total);

// The fire times of the campaign's schedule that came round during the walk (an empty digest window sends nothing).
public sealed record DemoFireTimes(int Reminders, int Overdue, int Digest, int Summary);

// The year report's proposal for one track (CONTRACT §5 Proposal): ids, and the names people read.
public sealed record DemoWinner(
    string Track, string TrackName, string? LeadingCluster, string? LeadingClusterName,
    string? OutstandingLeader, string? OutstandingLeaderName, IReadOnlyList<string> Tied);

public sealed record DemoFiles(
    string Index, string Outbox, string ReceivedMail, IReadOnlyList<string> PeriodWorkbooks, IReadOnlyList<string> PeriodCharts,
    string YearWorkbook, IReadOnlyList<string> YearCharts, string Export);

public static class DemoReports
{
    public static DemoEmails Count(IReadOnlyList<SentEmail> sent)
    {
        int Of(string purpose) => sent.Count(e => e.Purpose == purpose);
        return new DemoEmails(Of(MailPurpose.Receipt), Of(MailPurpose.Notice), Of(ReminderPlanner.ReminderPurpose), Of(ReminderPlanner.OverduePurpose),
            Of(DigestPlanner.Purpose), Of(SummaryPlanner.Purpose), sent.Count);
    }

    public static DemoFireTimes Count(WalkResult walk) =>
        new(walk.FireTimes[JobNames.Reminders], walk.FireTimes[JobNames.Overdue], walk.FireTimes[JobNames.Digest], walk.FireTimes[JobNames.Summary]);

    public static DemoMail Count(Ingestion.ImportSummary arrived) =>
        new(arrived.Messages, arrived.Accepted, arrived.Quarantined, arrived.Ignored, arrived.Failed, arrived.Duplicates);

    public static IReadOnlyList<DemoWinner> Winners(Report year, Configuration.CampaignOptions campaign)
    {
        string? Cluster(string? id) => campaign.Clusters.FirstOrDefault(c => c.Id == id)?.Name;
        string? Unit(string? id) => campaign.Units.FirstOrDefault(u => u.Id == id)?.Name;
        return year.Tracks.Select(t => new DemoWinner(t.Track.Id, t.Track.Name,
            t.Proposal.LeadingCluster, Cluster(t.Proposal.LeadingCluster),
            t.Proposal.OutstandingLeader, Unit(t.Proposal.OutstandingLeader), t.Proposal.Tied)).ToList();
    }
}
