using System.Globalization;

namespace EvidenceMailWorker.Schedule;

// What an edit did to the schedule, in words for the log: each deadline-driven fire time that moved
// (old → new), appeared or went away, and the digests' count. A fire time is the same one across the
// edit when it has the same job, period and offset.
public static class ScheduleChanges
{
    public static IReadOnlyList<string> Between(IReadOnlyList<FireTime> before, IReadOnlyList<FireTime> after)
    {
        var changes = new List<string>();
        static (string, string?, int?) Key(FireTime f) => (f.Job, f.Period, f.OffsetDays);
        var old = before.Where(f => f.Job != JobNames.Digest).ToDictionary(Key);
        var now = after.Where(f => f.Job != JobNames.Digest).ToDictionary(Key);
        foreach (var (key, f) in now)
        {
            if (!old.TryGetValue(key, out var was))
                changes.Add($"{Name(f)} added at {Time(f.At)}");
            else if (was.At != f.At)
                changes.Add($"{Name(f)} {Time(was.At)} → {Time(f.At)}");
        }
        foreach (var (key, f) in old)
            if (!now.ContainsKey(key))
                changes.Add($"{Name(f)} at {Time(f.At)} removed");
        var digestsBefore = before.Where(f => f.Job == JobNames.Digest).Select(f => f.At).ToList();
        var digestsAfter = after.Where(f => f.Job == JobNames.Digest).Select(f => f.At).ToList();
        if (!digestsBefore.SequenceEqual(digestsAfter))
            changes.Add($"digests: {digestsBefore.Count} → {digestsAfter.Count} ahead, next {(digestsAfter.Count > 0 ? Time(digestsAfter[0]) : "none")}");
        return changes;
    }

    private static string Name(FireTime f) => f.Job + (f.Period is null ? "" : $" {f.Period}") + (f.OffsetDays is { } d ? $" ({d} d)" : "");

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
