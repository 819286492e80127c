using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Outbound;

// The outbox rows' life after enqueue: due → claimed → sent, or failed → due again later → dead.
public sealed class OutboxStore(Database database)
{
    public async Task<IReadOnlyList<long>> DueAsync(DateTime nowUtc, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Due, or claimed by a process that has died since (its lease has not lapsed yet).
        var rows = await connection.QueryAsync<(long Id, string? ClaimedBy, object NextAttemptAt)>(new CommandDefinition(
            """
            SELECT id, claimed_by, next_attempt_at FROM outbox
            WHERE sent_at IS NULL AND dead_at IS NULL AND (next_attempt_at <= @Now OR claimed_by IS NOT NULL)
            ORDER BY next_attempt_at, id
            """,
            new { Now = database.Dialect.Time(nowUtc) }, cancellationToken: cancellationToken));
        return rows.Where(r => SqliteTime.Parse(r.NextAttemptAt) <= nowUtc || !ProcessOwner.IsAlive(r.ClaimedBy!))
            .Select(r => r.Id).Take(limit).ToList();
    }

    // Takes a row for delivery: counts the attempt and hides the row for the lease, atomically, so
    // two workers sharing one database never both take it. Null when someone else was quicker.
    public async Task<OutboxItem?> ClaimAsync(long id, DateTime nowUtc, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var holder = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT claimed_by FROM outbox WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        var deadHolder = holder is not null && !ProcessOwner.IsAlive(holder) ? holder : null;
        // Compare-and-set on the dead holder: of two processes taking it over, one wins.
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @Until, claimed_by = @Owner
            WHERE id = @id AND sent_at IS NULL AND dead_at IS NULL AND (next_attempt_at <= @Now OR claimed_by = @deadHolder)
            """,
            new { id, deadHolder, Owner = ProcessOwner.Current, Now = database.Dialect.Time(nowUtc), Until = database.Dialect.Time(nowUtc + lease) },
            cancellationToken: cancellationToken));
        if (claimed == 0)
            return null;
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, purpose AS Purpose, message_id AS MessageId, sender AS Sender, recipients AS Recipients,
                   mime AS Mime, created_at AS CreatedAt, attempts AS Attempts
            FROM outbox WHERE id = @id
            """, new { id }, cancellationToken: cancellationToken));
        return new OutboxItem(row.Id, row.Purpose, row.MessageId, row.Sender,
            JsonSerializer.Deserialize<List<string>>(row.Recipients) ?? [], row.Mime, SqliteTime.Parse(row.CreatedAt), row.Attempts);
    }

    public async Task MarkSentAsync(long id, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET sent_at = @Now, last_error = NULL, claimed_by = NULL WHERE id = @id",
            new { id, Now = database.Dialect.Time(nowUtc) }, cancellationToken: cancellationToken));
    }

    public async Task MarkFailedAsync(long id, string error, DateTime nextAttemptUtc, bool dead, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET last_error = @error, next_attempt_at = @Next, dead_at = @Dead, claimed_by = NULL WHERE id = @id",
            new
            {
                id,
                error,
                Next = database.Dialect.Time(nextAttemptUtc),
                Dead = dead ? database.Dialect.Time(nowUtc) : null,
            },
            cancellationToken: cancellationToken));
    }

    // `outbox retry`: mail given up on goes back in the queue with its attempts counted from zero
    // (after the cause was fixed, e.g. a new SMTP password). Mail already sent is never touched.
    public async Task<int> RequeueDeadAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = @Now, claimed_by = NULL WHERE dead_at IS NOT NULL AND sent_at IS NULL",
            new { Now = database.Dialect.Time(nowUtc) }, cancellationToken: cancellationToken));
    }

    // The earliest moment a waiting row becomes due, so the sender can sleep exactly that long.
    public async Task<DateTime?> NextAttemptAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<object?>(new CommandDefinition(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL",
            cancellationToken: cancellationToken));
        return next is null or DBNull ? null : SqliteTime.Parse(next);
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string Purpose { get; set; } = "";
        public string MessageId { get; set; } = "";
        public string Sender { get; set; } = "";
        public string Recipients { get; set; } = "[]";
        public byte[] Mime { get; set; } = [];
        public object CreatedAt { get; set; } = "";
        public int Attempts { get; set; }
    }
}
