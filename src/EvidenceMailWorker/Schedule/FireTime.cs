using System.Text.Json.Serialization;

namespace EvidenceMailWorker.Schedule;

// The four jobs of CONTRACT §5, as `schedule --json` and `jobs run` name them.
public static class JobNames
{
    public const string Reminders = "reminders";
    public const string Overdue = "overdue";
    public const string Digest = "digest";
    public const string Summary = "summary";

    public static readonly IReadOnlyList<string> All = [Reminders, Overdue, Digest, Summary];
}

// One fire time of the campaign's schedule (CONTRACT §3 `schedule --json`). OffsetDays: days before
// the deadline for reminders, after it for overdue notices; null for digests and summaries.
// Period and OffsetDays are printed as null when absent, as the contract shows them.
public sealed record FireTime(
    string Job,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Period,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? OffsetDays);
