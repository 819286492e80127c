using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Health;

// Reads the status snapshot: last mailbox contact and error per watched folder, last ingest, messages
// per status, the outbox backlog, the last and next run of each scheduled job, and what each running
// worker made of the configuration on disk, the problems this process found in it, and the
// schedulers checked in to the cluster (PostgreSQL).
public sealed class WorkerStatusReader(
    Database database, MailboxCheckpoints checkpoints, JobRunLog jobRuns, ConfigReloadStore reloads,
    IOptionsMonitor<CampaignOptions> campaign, CampaignOnDisk onDisk, SchedulerNodes schedulers, TimeProvider clock)
{
    public async Task<WorkerStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mailboxes = await checkpoints.ListAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM messages GROUP BY status ORDER BY status", cancellationToken: cancellationToken)))
            .Select(c => new MessageCount(c.Status, c.Count)).ToList();
        var last = await connection.ExecuteScalarAsync<object?>(new CommandDefinition("SELECT MAX(ingested_at) FROM messages", cancellationToken: cancellationToken));
        var outbox = await connection.QuerySingleAsync<(long Queued, long Dead, object? OldestQueued)>(new CommandDefinition(
            """
            SELECT COUNT(CASE WHEN sent_at IS NULL AND dead_at IS NULL THEN 1 END),
                   COUNT(CASE WHEN dead_at IS NOT NULL THEN 1 END),
                   MIN(CASE WHEN sent_at IS NULL AND dead_at IS NULL THEN created_at END)
            FROM outbox
            """,
            cancellationToken: cancellationToken));
        var lastDeadError = outbox.Dead == 0 ? null : await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT last_error FROM outbox WHERE dead_at IS NOT NULL ORDER BY dead_at DESC, id DESC LIMIT 1", cancellationToken: cancellationToken));
        return new WorkerStatus(now, mailboxes, Time(last), counts,
            new OutboxBacklog(outbox.Queued, outbox.Dead, Time(outbox.OldestQueued), lastDeadError),
            await JobsAsync(now, cancellationToken), await reloads.ListAsync(cancellationToken), onDisk.Problems.Select(p => p.ToString()).ToList(),
            schedulers.Store, await schedulers.ListAsync(cancellationToken));
    }

    private async Task<List<JobStatus>> JobsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = await jobRuns.LastRunsAsync(cancellationToken);
        // A campaign with problems (`status` reports them) has no schedule to read next runs from.
        var upcoming = onDisk.IsValid ? new CampaignSchedule(campaign.CurrentValue).Between(now, DateTimeOffset.MaxValue) : [];
        return JobNames.All.Select(job => new JobStatus(job, last.FirstOrDefault(r => r.Job == job),
            upcoming.FirstOrDefault(f => f.Job == job)?.At)).ToList();
    }

    private static DateTime? Time(object? stored) => stored is null or DBNull ? null : SqliteTime.Parse(stored);
}
