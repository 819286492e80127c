namespace EvidenceMailWorker.Health;

public sealed record HealthVerdict(bool Healthy, IReadOnlyList<string> Problems);

// The health rule (pure): unhealthy when a watched mailbox has not been reached for longer than
// Health:MailboxStaleMinutes, or when the outbox holds mail it gave up on. A mailbox never reached
// counts from runningSince (the worker's start) when known, else only when it has an error.
public static class HealthRules
{
    public static HealthVerdict Judge(WorkerStatus status, TimeSpan mailboxStale, DateTimeOffset? runningSince)
    {
        var problems = new List<string>();
        var now = status.At.UtcDateTime;
        foreach (var m in status.Mailboxes)
        {
            var why = m.LastError is null ? "" : $"; last error: {m.LastError}";
            if (m.LastContactAtUtc is { } contact)
            {
                if (now - contact > mailboxStale)
                    problems.Add($"mailbox {m.Account} {m.Folder}: not reached for {(now - contact).TotalMinutes:0} min (limit {mailboxStale.TotalMinutes:0}){why}");
            }
            else if (runningSince is { } since ? now - since.UtcDateTime > mailboxStale : m.LastError is not null)
            {
                problems.Add($"mailbox {m.Account} {m.Folder}: never reached{why}");
            }
        }
        if (status.Outbox.Dead > 0)
            problems.Add($"outbox: {status.Outbox.Dead} email(s) given up after every attempt{(status.Outbox.LastDeadError is { } e ? $"; the last error: {e}" : "")}");
        return new HealthVerdict(problems.Count == 0, problems);
    }
}
