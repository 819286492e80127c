using Dapper;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Notifications;

public sealed record JobRunRow(string Job, DateTime FireAtUtc, DateTime StartedAtUtc, DateTime? FinishedAtUtc, int? Emails, int? Queued, string? Error);

// The job_runs table: which scheduled fire times have been taken on, by any process.
public sealed class JobRunLog(Database database)
{
    // A run takes seconds; one unfinished for this long was cut off (its process died or lost the
    // database) and may be taken over. A holder that is a dead process on this machine is taken over at once.
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(10);

    // True when this process is the first to take the fire time on, or when an earlier attempt was cut
    // off: then it runs again, and the outbox keys keep it from sending twice. A run still in progress
    // in another live process is left to it.
    public async Task<bool> ClaimAsync(string job, DateTimeOffset fireAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var fire = database.Dialect.Time(fireAt.UtcDateTime);
        var at = database.Dialect.Time(now.UtcDateTime);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO job_runs (job, fire_at, started_at, claimed_by) VALUES (@job, @fire, @at, @Owner) ON CONFLICT (job, fire_at) DO NOTHING",
            new { job, fire, at, Owner = ProcessOwner.Current }, cancellationToken: cancellationToken));
        if (inserted == 1)
            return true;
        var holder = await connection.QuerySingleOrDefaultAsync<(object StartedAt, object? FinishedAt, string? ClaimedBy)>(new CommandDefinition(
            "SELECT started_at, finished_at, claimed_by FROM job_runs WHERE job = @job AND fire_at = @fire",
            new { job, fire }, cancellationToken: cancellationToken));
        if (holder.FinishedAt is not null and not DBNull)
            return false;
        var stale = SqliteTime.Parse(holder.StartedAt) < (now - Stale).UtcDateTime;
        if (!stale && holder.ClaimedBy is not null && ProcessOwner.IsAlive(holder.ClaimedBy))
            return false;
        // Compare-and-set on the holder: of two processes taking over at once, one wins.
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE job_runs SET started_at = @at, claimed_by = @Owner, error = NULL
            WHERE job = @job AND fire_at = @fire AND finished_at IS NULL AND started_at = @Started
              AND (claimed_by = @Holder OR (claimed_by IS NULL AND @Holder IS NULL))
            """,
            new { job, fire, at, Owner = ProcessOwner.Current, Started = holder.StartedAt, Holder = holder.ClaimedBy },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task FinishAsync(string job, DateTimeOffset fireAt, DateTimeOffset now, int emails, int queued, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_runs SET finished_at = @Now, emails = @emails, queued = @queued, error = @error WHERE job = @job AND fire_at = @Fire",
            new { job, Fire = database.Dialect.Time(fireAt.UtcDateTime), Now = database.Dialect.Time(now.UtcDateTime), emails, queued, error },
            cancellationToken: cancellationToken));
    }

    // A run that failed (not one that died): its claim is given back at once, with the error, so the
    // next start runs it again instead of waiting for it to go stale.
    public async Task ReleaseAsync(string job, DateTimeOffset fireAt, string error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_runs SET started_at = @Released, claimed_by = NULL, error = @error WHERE job = @job AND fire_at = @Fire AND finished_at IS NULL",
            new { job, Fire = database.Dialect.Time(fireAt.UtcDateTime), Released = database.Dialect.Time(DateTime.UnixEpoch), error },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> FinishedAsync(string job, DateTimeOffset fireAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM job_runs WHERE job = @job AND fire_at = @Fire AND finished_at IS NOT NULL",
            new { job, Fire = database.Dialect.Time(fireAt.UtcDateTime) }, cancellationToken: cancellationToken)) > 0;
    }

    // The latest run of each job, for `status`.
    public async Task<IReadOnlyList<JobRunRow>> LastRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Job, object FireAt, object StartedAt, object? FinishedAt, long? Emails, long? Queued, string? Error)>(new CommandDefinition(
            """
            SELECT r.job, r.fire_at, r.started_at, r.finished_at, r.emails, r.queued, r.error FROM job_runs r
            WHERE r.fire_at = (SELECT MAX(fire_at) FROM job_runs x WHERE x.job = r.job)
            ORDER BY r.job
            """, cancellationToken: cancellationToken));
        return rows.Select(r => new JobRunRow(r.Job, SqliteTime.Parse(r.FireAt), SqliteTime.Parse(r.StartedAt),
            r.FinishedAt is null or DBNull ? null : SqliteTime.Parse(r.FinishedAt), (int?)r.Emails, (int?)r.Queued, r.Error)).ToList();
    }
}
