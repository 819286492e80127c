using System.Globalization;
using EvidenceMailWorker.Configuration;
using Quartz;

namespace EvidenceMailWorker.Schedule;

// Every fire time CONTRACT §5 derives from the campaign, in its time zone. Pure (the caller passes
// the range); Quartz is used only for its cron arithmetic, so the worker's triggers and `schedule`
// agree by construction.
public sealed class CampaignSchedule
{
    private readonly CampaignOptions _campaign;
    private readonly TimeZoneInfo _zone;
    private readonly List<(string Id, DateTimeOffset Deadline)> _deadlines;

    public CampaignSchedule(CampaignOptions campaign)
    {
        _campaign = campaign;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(campaign.TimeZone);
        _deadlines = campaign.Periods
            .Select(p => (p.Id, Ok: DeadlineFormat.TryParse(p.Deadline, out var d), Deadline: d))
            .Where(p => p.Ok)
            .Select(p => (p.Id, p.Deadline))
            .OrderBy(p => p.Deadline)
            .ToList();
    }

    public TimeZoneInfo Zone => _zone;

    public IReadOnlyList<(string Id, DateTimeOffset Deadline)> Deadlines => _deadlines;

    // Fire times in [from, to), sorted by time, then job.
    public IReadOnlyList<FireTime> Between(DateTimeOffset from, DateTimeOffset to) =>
        All().Where(f => f.At >= from && f.At < to)
            .OrderBy(f => f.At).ThenBy(f => f.Job, StringComparer.Ordinal).ThenBy(f => f.Period, StringComparer.Ordinal)
            .ToList();

    // The last fire time of the campaign (the default end of `schedule`), or null when there is none.
    public DateTimeOffset? Last() => All().Select(f => (DateTimeOffset?)f.At).Max();

    public IEnumerable<FireTime> All() => Reminders().Concat(Overdue()).Concat(Digests()).Concat(Summaries());

    // A reminder at or after its own deadline would be for the next period; it is not useful.
    private IEnumerable<FireTime> Reminders()
    {
        var at = ReminderTime();
        foreach (var (id, deadline) in _deadlines)
        {
            var day = LocalTime.DateOf(deadline, _zone);
            foreach (var days in _campaign.Reminders.DaysBefore.Distinct())
            {
                var fire = LocalTime.At(day.AddDays(-days), at, _zone);
                if (fire < deadline)
                    yield return new FireTime(JobNames.Reminders, LocalTime.InZone(fire, _zone), id, days);
            }
        }
    }

    private IEnumerable<FireTime> Overdue()
    {
        var at = ReminderTime();
        foreach (var (id, deadline) in _deadlines)
        {
            var day = LocalTime.DateOf(deadline, _zone);
            foreach (var days in _campaign.Reminders.OverdueDaysAfter.Distinct())
            {
                var fire = LocalTime.At(day.AddDays(days), at, _zone);
                if (fire >= deadline)
                    yield return new FireTime(JobNames.Overdue, LocalTime.InZone(fire, _zone), id, days);
            }
        }
    }

    // Throughout the campaign's Year, local time.
    private IEnumerable<FireTime> Digests()
    {
        var cron = new CronExpression(_campaign.Digest.Cron, _zone);
        var start = LocalTime.At(new DateOnly(_campaign.Year, 1, 1), TimeOnly.MinValue, _zone);
        var end = LocalTime.At(new DateOnly(_campaign.Year + 1, 1, 1), TimeOnly.MinValue, _zone);
        for (var next = cron.GetNextValidTimeAfter(start.AddSeconds(-1)); next is { } n && n < end; next = cron.GetNextValidTimeAfter(n))
            yield return new FireTime(JobNames.Digest, LocalTime.InZone(n, _zone), null, null);
    }

    private IEnumerable<FireTime> Summaries() =>
        _deadlines.Select(d => new FireTime(JobNames.Summary, LocalTime.InZone(d.Deadline.AddHours(_campaign.Summary.DelayHours), _zone), d.Id, null));

    // The digest fire time before `at` (what the digest at `at` covers from), or null for the first.
    public DateTimeOffset? PreviousDigest(DateTimeOffset at) =>
        Digests().Select(f => (DateTimeOffset?)f.At).LastOrDefault(t => t < at);

    private TimeOnly ReminderTime() =>
        TimeOnly.ParseExact(_campaign.Reminders.At, "HH:mm", CultureInfo.InvariantCulture);
}
