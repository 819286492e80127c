using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Health;

// What `status` and GET /healthz report: one snapshot read from the database, so every worker on a
// shared PostgreSQL tells the same story (the mailbox poller may be another process).
public sealed record WorkerStatus(
    DateTimeOffset At,
    IReadOnlyList<MailboxStatusRow> Mailboxes,
    DateTime? LastIngestAtUtc,
    IReadOnlyList<MessageCount> Messages,
    OutboxBacklog Outbox,
    IReadOnlyList<JobStatus> Jobs,
    IReadOnlyList<ConfigReloadRecord> ConfigReloads,
    IReadOnlyList<string> ConfigProblems,
    string SchedulerStore,
    IReadOnlyList<SchedulerNode> SchedulerNodes)
{
    public DateTime? LastMailboxContactAtUtc => Mailboxes.Max(m => m.LastContactAtUtc);
}

public sealed record MessageCount(string Status, long Count);

public sealed record OutboxBacklog(long Queued, long Dead, DateTime? OldestQueuedAtUtc, string? LastDeadError);

public sealed record JobStatus(string Job, JobRunRow? Last, DateTimeOffset? Next);
