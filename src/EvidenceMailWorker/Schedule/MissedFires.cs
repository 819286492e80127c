namespace EvidenceMailWorker.Schedule;

// CONTRACT §5: a fire time missed while the worker was down runs once at start when it is still
// useful (a reminder before its deadline; an overdue notice, digest or summary within 7 days),
// otherwise it is skipped. Pure: returns the decision and the reason for the log line.
public static class MissedFires
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public static (bool Run, string Why) Decide(FireTime fire, DateTimeOffset now, IReadOnlyList<(string Id, DateTimeOffset Deadline)> deadlines)
    {
        if (fire.Job == JobNames.Reminders)
        {
            var deadline = deadlines.FirstOrDefault(d => d.Id == fire.Period).Deadline;
            return now < deadline
                ? (true, "its deadline has not passed")
                : (false, "its deadline has passed, a reminder would come too late");
        }
        return now - fire.At <= Window
            ? (true, "it is less than 7 days old")
            : (false, "it is more than 7 days old");
    }

    // A missed reminder or overdue notice is covered by a later missed one of the same job and period:
    // it would say the same, a day or two staler.
    public static FireTime? SupersededBy(FireTime fire, IReadOnlyList<FireTime> missed) =>
        fire.Job is JobNames.Reminders or JobNames.Overdue
            ? missed.LastOrDefault(f => f.Job == fire.Job && f.Period == fire.Period && f.At > fire.At)
            : null;
}
