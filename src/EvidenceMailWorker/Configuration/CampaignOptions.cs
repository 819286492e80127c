namespace EvidenceMailWorker.Configuration;

// Bound from the "Campaign" section (config/campaign.json); names mirror CONTRACT §1 exactly,
// so an admin's JSON key is the property name. Everything is nullable-tolerant here because
// validation, not binding, is where a missing value gets its explanation.
public sealed class CampaignOptions
{
    public const string Section = "Campaign";

    public int Year { get; set; }
    public string Organization { get; set; } = "";
    public string Mailbox { get; set; } = "";
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";
    public OfficeOptions Office { get; set; } = new();
    public List<TrackOptions> Tracks { get; set; } = [];
    public List<PeriodOptions> Periods { get; set; } = [];
    public int LateWindowDays { get; set; } = 14;
    public RemindersOptions Reminders { get; set; } = new();
    public DigestOptions Digest { get; set; } = new();
    public SummaryOptions Summary { get; set; } = new();
    public ScoringOptions Scoring { get; set; } = new();
    public List<AwardOptions> Awards { get; set; } = [];
    public List<UnitOptions> Units { get; set; } = [];
    public List<ClusterOptions> Clusters { get; set; } = [];
    public List<CriterionOptions> Criteria { get; set; } = [];
}

public sealed class OfficeOptions
{
    public List<string> Recipients { get; set; } = [];
}

public sealed class TrackOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string AwardedBy { get; set; } = "";
    public List<string> Keywords { get; set; } = [];
}

public sealed class PeriodOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    // Kept as text so validation can insist on an explicit offset; see CampaignValidator.
    public string Deadline { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
}

public sealed class RemindersOptions
{
    public List<int> DaysBefore { get; set; } = [];
    public string At { get; set; } = "08:00";
    public List<int> OverdueDaysAfter { get; set; } = [];
}

public sealed class DigestOptions
{
    public string Cron { get; set; } = "0 0 17 ? * MON-SAT";
    public bool SkipWhenEmpty { get; set; } = true;
}

public sealed class SummaryOptions
{
    public double DelayHours { get; set; } = 2;
}

public sealed class ScoringOptions
{
    public double CoverageWeight { get; set; } = 0.8;
    public double TimelinessWeight { get; set; } = 0.2;
}

public sealed class AwardOptions
{
    public string Track { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public long PrizeVnd { get; set; }
}

public sealed class UnitOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
    public List<string> Emails { get; set; } = [];
}

public sealed class ClusterOptions
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Aliases { get; set; } = [];
    public string Leader { get; set; } = "";
    public string Deputy { get; set; } = "";
    public SupervisorOptions Supervisor { get; set; } = new();
    public List<string> Units { get; set; } = [];
}

public sealed class SupervisorOptions
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
}

public sealed class CriterionOptions
{
    public string Track { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public double Points { get; set; }
    public string Scope { get; set; } = "Unit";
    public string Evidence { get; set; } = "";
    public List<string> Keywords { get; set; } = [];
}
