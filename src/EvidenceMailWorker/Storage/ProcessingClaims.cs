using Dapper;
using EvidenceMailWorker.Core;

namespace EvidenceMailWorker.Storage;

// Who is working out which verdict. A raw-stored message is `failed` until its verdict is stored;
// the lease tells a message being processed (by this or another process) from one whose process
// died. An attempt is counted when it is claimed, before any parsing runs, so a message that
// hangs or kills the process is given up after MaxAttempts instead of being retried forever.
public sealed class ProcessingClaims(Database database, TimeProvider clock)
{
    public const int MaxAttempts = 5;

    // Renewed every third of this while the verdict is worked out; a dead holder's lease lapses.
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    public static string Owner => ProcessOwner.Current;

    // After the n-th attempt failed or died, the next waits this long: a crash on the first try is
    // retried at once (a restart finishes the work), a message that keeps failing ever more slowly.
    public static TimeSpan RetryDelay(int attempts) => attempts switch
    {
        <= 1 => TimeSpan.Zero,
        2 => TimeSpan.FromMinutes(1),
        3 => TimeSpan.FromMinutes(10),
        _ => TimeSpan.FromHours(1),
    };

    // Counts an attempt and takes the lease, unless someone alive holds it. seenOwner: the holder the
    // caller saw when it listed the message (compare-and-set, so two processes cannot both claim).
    // Returns the attempt's number, or null when the message is not (or no longer) this process's to work on.
    public async Task<int?> ClaimAsync(long id, string? seenOwner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        // One statement (every message of a backlog runs it): the next retry time for whichever
        // attempt this turns out to be is chosen in SQL from the delays for attempts 1..MaxAttempts.
        var parameters = new DynamicParameters(new { id, Owner, seenOwner, Failed = MessageStatus.Failed, MaxAttempts, Until = database.Dialect.Time(now + Lease) });
        for (var n = 1; n <= MaxAttempts; n++)
            parameters.Add($"Next{n}", database.Dialect.Time(now + RetryDelay(n)));
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            $"""
            UPDATE messages SET attempts = attempts + 1, lease_owner = @Owner, lease_until = @Until,
                   next_attempt_at = CASE attempts + 1 {string.Concat(Enumerable.Range(1, MaxAttempts - 1).Select(n => $"WHEN {n} THEN @Next{n} "))}ELSE @Next{MaxAttempts} END
            WHERE id = @id AND status = @Failed AND attempts < @MaxAttempts
              AND (lease_owner IS NULL OR lease_owner = @Owner OR lease_owner = @seenOwner)
            RETURNING attempts
            """,
            parameters, cancellationToken: cancellationToken));
    }

    // Whether another live process is working out this message's verdict right now.
    public async Task<bool> IsLeasedElsewhereAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Owner, object? Until)>(new CommandDefinition(
            "SELECT lease_owner, lease_until FROM messages WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row.Owner is not null && row.Owner != Owner && row.Until is not null
            && SqliteTime.Parse(row.Until) > clock.GetUtcNow().UtcDateTime && ProcessOwner.IsAlive(row.Owner);
    }

    public async Task RenewAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET lease_until = @Until WHERE id = @id AND lease_owner = @Owner",
            new { id, Owner, Until = database.Dialect.Time(clock.GetUtcNow().UtcDateTime + Lease) }, cancellationToken: cancellationToken));
    }

    // Messages a retry pass may take now: failed, attempts left, due, and not leased to someone alive.
    // Those out of attempts get a readable error instead of "retried on the next pass".
    public async Task<IReadOnlyList<(PendingMessage Message, string? Owner)>> ListRetryableAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string RawSha256, string Source, object ReceivedAt, int Attempts, string? LeaseOwner, object? LeaseUntil, string? Error)>(new CommandDefinition(
            """
            SELECT id, raw_sha256, source, received_at, attempts, lease_owner, lease_until, error FROM messages
            WHERE status = @Failed AND (next_attempt_at IS NULL OR next_attempt_at <= @Now) AND (error IS NULL OR error NOT LIKE 'gave up%')
            ORDER BY id
            """,
            new { Failed = MessageStatus.Failed, Now = database.Dialect.Time(now) }, cancellationToken: cancellationToken));
        var result = new List<(PendingMessage, string?)>();
        foreach (var r in rows)
        {
            if (r.LeaseOwner is not null && r.LeaseOwner != Owner && r.LeaseUntil is not null && SqliteTime.Parse(r.LeaseUntil) > now && ProcessOwner.IsAlive(r.LeaseOwner))
                continue;
            if (r.LeaseOwner == Owner && r.LeaseUntil is not null && SqliteTime.Parse(r.LeaseUntil) > now)
                continue; // being worked out right here
            if (r.Attempts >= MaxAttempts)
            {
                await GiveUpAsync(connection, r.Id, r.Attempts, r.Error, cancellationToken);
                continue;
            }
            result.Add((new PendingMessage(r.Id, r.RawSha256, r.Source, SqliteTime.Parse(r.ReceivedAt), r.Attempts), r.LeaseOwner));
        }
        return result;
    }

    public static string GaveUp(int attempts, string? lastError) =>
        $"gave up after {attempts} attempts; the last one: " +
        (lastError is null or ArchiveStore.UnfinishedError ? "did not finish (the process stopped or was killed while working on this message)" : lastError);

    private static Task GiveUpAsync(System.Data.Common.DbConnection connection, long id, int attempts, string? error, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET error = @Error, lease_owner = NULL, lease_until = NULL WHERE id = @id",
            new { id, Error = GaveUp(attempts, error) }, cancellationToken: cancellationToken));
}
