using System.Globalization;
using Quartz;

namespace EvidenceMailWorker.Configuration;

// Pure checks of a bound CampaignOptions (no I/O, no clock), so the worker can validate an
// edited file before swapping it in and keep the last good campaign when it fails.
// Every problem is reported, not just the first: an admin fixes a file in one pass.
public static partial class CampaignValidator
{
    private const string Root = CampaignOptions.Section;

    public static IReadOnlyList<ConfigProblem> Validate(CampaignOptions c)
    {
        var p = new ProblemList();
        CheckIdentity(c, p);
        CheckTracks(c, p);
        CheckPeriods(c, p);
        CheckSchedule(c, p);
        CheckScoring(c, p);
        CheckAwards(c, p);
        CheckUnits(c, p);
        CheckClusters(c, p);
        CheckCriteria(c, p);
        CheckStaffAddresses(c, p);
        return p.Items;
    }

    private static void CheckIdentity(CampaignOptions c, ProblemList p)
    {
        if (c.Year is < 2000 or > 2100)
            p.Add($"{Root}.Year", c.Year == 0 ? "is not set; the campaign year is required (e.g. 2024)"
                                              : $"'{c.Year}' is not a plausible campaign year");
        p.Required($"{Root}.Organization", c.Organization, "the organisation's name");
        p.Email($"{Root}.Mailbox", c.Mailbox);

        if (p.Required($"{Root}.TimeZone", c.TimeZone, "an IANA time zone id such as 'Asia/Ho_Chi_Minh'") &&
            !TimeZoneInfo.TryFindSystemTimeZoneById(c.TimeZone, out _))
            p.Add($"{Root}.TimeZone", $"time zone '{c.TimeZone}' is not known on this machine (expected an IANA id such as 'Asia/Ho_Chi_Minh'; is tzdata installed?)");

        if (c.Office.Recipients.Count == 0)
            p.Add($"{Root}.Office.Recipients", "is empty; at least one office address must receive digests");
        for (var i = 0; i < c.Office.Recipients.Count; i++)
            p.Email($"{Root}.Office.Recipients[{i}]", c.Office.Recipients[i]);
    }

    private static void CheckSchedule(CampaignOptions c, ProblemList p)
    {
        if (c.LateWindowDays < 0)
            p.Add($"{Root}.LateWindowDays", $"'{c.LateWindowDays}' is negative; use 0 or more days");

        if (!TimeOnly.TryParseExact(c.Reminders.At, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            p.Add($"{Root}.Reminders.At", $"'{c.Reminders.At}' is not a time of day in the form HH:mm (e.g. '08:00')");
        NonNegativeDays($"{Root}.Reminders.DaysBefore", c.Reminders.DaysBefore, p);
        NonNegativeDays($"{Root}.Reminders.OverdueDaysAfter", c.Reminders.OverdueDaysAfter, p);

        if (p.Required($"{Root}.Digest.Cron", c.Digest.Cron, "a Quartz cron expression such as '0 0 17 ? * MON-SAT'"))
        {
            try
            {
                // The constructor, unlike IsValidExpression, says what is wrong.
                _ = new CronExpression(c.Digest.Cron);
            }
            catch (FormatException ex)
            {
                // Quartz explains the Unix-cron mix-up itself; other messages get the example.
                var hint = ex.Message.Contains("seconds", StringComparison.OrdinalIgnoreCase)
                    ? "" : "; Quartz cron has seconds first, e.g. '0 0 17 ? * MON-SAT'";
                p.Add($"{Root}.Digest.Cron", $"'{c.Digest.Cron}' is not a valid Quartz cron expression: {ex.Message}{hint}");
            }
        }

        if (!(c.Summary.DelayHours >= 0) || double.IsInfinity(c.Summary.DelayHours))
            p.Add($"{Root}.Summary.DelayHours", $"'{Format(c.Summary.DelayHours)}' must be 0 or more hours");
    }

    private static void NonNegativeDays(string path, IReadOnlyList<int> days, ProblemList p)
    {
        for (var i = 0; i < days.Count; i++)
            if (days[i] < 0)
                p.Add($"{path}[{i}]", $"'{days[i]}' is negative; use 0 or more days");
    }

    private static void CheckScoring(CampaignOptions c, ProblemList p)
    {
        var coverage = c.Scoring.CoverageWeight;
        var timeliness = c.Scoring.TimelinessWeight;
        var inRange = true;
        foreach (var (name, weight) in new[] { ("CoverageWeight", coverage), ("TimelinessWeight", timeliness) })
        {
            if (weight is >= 0 and <= 1) continue;
            inRange = false;
            p.Add($"{Root}.Scoring.{name}", $"'{Format(weight)}' must be between 0 and 1");
        }
        if (inRange && Math.Abs(coverage + timeliness - 1) > 1e-9)
            p.Add($"{Root}.Scoring", $"CoverageWeight '{Format(coverage)}' + TimelinessWeight '{Format(timeliness)}' = '{Format(coverage + timeliness)}'; the weights must add up to 1");
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
