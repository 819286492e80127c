namespace EvidenceMailWorker.Schedule;

// The models the email templates (config/templates/*.liquid) render: every value already in the
// words and the local time a reader expects, so a template only lays them out.
public sealed record CriterionLine(string Code, string Name);

// Nothing: the unit has no evidence at all for the track yet (the email then says so in one line
// instead of listing every criterion; the JSON still lists every code).
public sealed record UnitGap(string Unit, IReadOnlyList<CriterionLine> Criteria, bool Nothing);

public sealed record TrackStatus(
    string Name, int Submissions, int Percent, string Bar, string Points,
    IReadOnlyList<UnitGap> Units, IReadOnlyList<CriterionLine> ClusterCriteria, int MissingCount);

public sealed record HowToSend(string Mailbox, string Subject, string FileExample, string FolderExample);

public sealed record ReminderView(
    string Organization, string Cluster, string Period, string Deadline, int DaysLeft,
    IReadOnlyList<TrackStatus> Tracks, HowToSend HowToSend);

public sealed record OverdueView(
    string Organization, string Cluster, string Period, string Deadline, int DaysLate, string Office, HowToSend HowToSend);

public sealed record DigestFile(string Name, string Criteria, string Units);

public sealed record DigestMessage(string ReceivedAt, string From, string Subject, bool Late, string Status, IReadOnlyList<DigestFile> Files);

public sealed record DigestCluster(string Name, int Percent, string Bar, IReadOnlyList<DigestMessage> Messages);

public sealed record DigestOther(string ReceivedAt, string From, string Subject, string Reason);

public sealed record DeadMail(string Purpose, string Recipients, string Error);

public sealed record DigestView(
    string Organization, string Since, string Until, string Period,
    int Messages, int Accepted, int Quarantined, int Ignored, int Failed,
    IReadOnlyList<DigestCluster> Clusters, IReadOnlyList<DigestMessage> Unassigned,
    IReadOnlyList<DigestOther> QuarantinedMail, IReadOnlyList<DigestOther> IgnoredMail, IReadOnlyList<DigestOther> FailedMail,
    IReadOnlyList<DeadMail> DeadOutbox, IReadOnlyList<string> ConfigProblems);

public sealed record SummaryView(string Organization, string Period, string Deadline, string ReportText, IReadOnlyList<string> Attachments);
