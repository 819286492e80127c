using System.Data.Common;
using System.Globalization;
using Dapper;

namespace EvidenceMailWorker.Storage;

// The mailbox_checkpoints table. A stored uid_validity of 0 (never a real UIDVALIDITY) means "no
// position yet": the row exists only to remember contact times or an error.
public sealed class MailboxCheckpoints(Database database, TimeProvider clock)
{
    public async Task<MailboxCheckpoint?> GetAsync(string account, string folder, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long UidValidity, long LastUid)?>(new CommandDefinition(
            "SELECT uid_validity, last_uid FROM mailbox_checkpoints WHERE account = @account AND folder = @folder",
            new { account, folder }, cancellationToken: cancellationToken));
        return row is { UidValidity: > 0 } r ? new MailboxCheckpoint((uint)r.UidValidity, (uint)r.LastUid) : null;
    }

    // Sets the position without storing a message: a fresh start (UID 0 after a UIDVALIDITY
    // change: every UID is new) or a message known by its Gmail id.
    public async Task SetAsync(MailboxPosition position, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await AdvanceAsync(database, connection, null, position, clock.GetUtcNow().UtcDateTime, ingested: false, cancellationToken);
    }

    // The checkpoint write that ArchiveStore runs inside the message's own transaction. Monotonic
    // under one UIDVALIDITY: a slower process (or page) can never move it back over stored mail.
    public static async Task AdvanceAsync(Database database, DbConnection connection, DbTransaction? transaction, MailboxPosition position,
        DateTime nowUtc, bool ingested, CancellationToken cancellationToken)
    {
        if (position.Labelled && position.Uid > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO label_pending (account, folder, uid_validity, uid) VALUES (@Account, @Folder, @UidValidity, @Uid)
                ON CONFLICT (account, folder, uid_validity, uid) DO NOTHING
                """,
                new { position.Account, position.Folder, UidValidity = (long)position.UidValidity, Uid = (long)position.Uid },
                transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO mailbox_checkpoints (account, folder, uid_validity, last_uid, last_contact_at, last_ingest_at)
            VALUES (@Account, @Folder, @UidValidity, @Uid, @Now, {(ingested ? "@Now" : "NULL")})
            ON CONFLICT (account, folder) DO UPDATE SET uid_validity = excluded.uid_validity,
                last_uid = CASE WHEN mailbox_checkpoints.uid_validity = excluded.uid_validity AND mailbox_checkpoints.last_uid > excluded.last_uid
                                THEN mailbox_checkpoints.last_uid ELSE excluded.last_uid END,
                last_contact_at = excluded.last_contact_at, last_error = NULL
                {(ingested ? ", last_ingest_at = excluded.last_ingest_at" : "")}
            """,
            new
            {
                position.Account,
                position.Folder,
                UidValidity = (long)position.UidValidity,
                Uid = (long)position.Uid,
                Now = database.Dialect.Time(nowUtc),
            },
            transaction, cancellationToken: cancellationToken));
    }

    // What still needs the label in this folder, oldest first; pending rows of an older UIDVALIDITY
    // name UIDs that no longer exist and are dropped.
    public async Task<IReadOnlyList<uint>> UnlabelledAsync(string account, string folder, uint uidValidity, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM label_pending WHERE account = @account AND folder = @folder AND uid_validity <> @validity",
            new { account, folder, validity = (long)uidValidity }, cancellationToken: cancellationToken));
        var uids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT uid FROM label_pending WHERE account = @account AND folder = @folder AND uid_validity = @validity ORDER BY uid LIMIT @limit",
            new { account, folder, validity = (long)uidValidity, limit }, cancellationToken: cancellationToken));
        return uids.Select(u => (uint)u).ToList();
    }

    public async Task LabelledAsync(string account, string folder, uint uidValidity, IReadOnlyList<uint> uids, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM label_pending WHERE account = @account AND folder = @folder AND uid_validity = @validity AND uid = @uid",
            uids.Select(uid => new { account, folder, validity = (long)uidValidity, uid = (long)uid }), cancellationToken: cancellationToken));
    }

    // Successful contact clears the last error; a failed one records it (for `status`).
    public async Task RecordContactAsync(string account, string folder, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            error is null
                ? """
                  INSERT INTO mailbox_checkpoints (account, folder, uid_validity, last_uid, last_contact_at)
                  VALUES (@account, @folder, 0, 0, @now)
                  ON CONFLICT (account, folder) DO UPDATE SET last_contact_at = excluded.last_contact_at, last_error = NULL
                  """
                : """
                  INSERT INTO mailbox_checkpoints (account, folder, uid_validity, last_uid, last_error)
                  VALUES (@account, @folder, 0, 0, @error)
                  ON CONFLICT (account, folder) DO UPDATE SET last_error = excluded.last_error
                  """,
            new { account, folder, error, now = database.Dialect.Time(clock.GetUtcNow().UtcDateTime) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> HasGmailMessageAsync(ulong gmailMessageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM messages WHERE gmail_message_id = @id LIMIT 1",
            new { id = gmailMessageId.ToString(CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken)) is not null;
    }

    public async Task<IReadOnlyList<MailboxStatusRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Account, string Folder, long UidValidity, long LastUid, object? LastContactAt, object? LastIngestAt, string? LastError)>(
            new CommandDefinition(
                "SELECT account, folder, uid_validity, last_uid, last_contact_at, last_ingest_at, last_error FROM mailbox_checkpoints ORDER BY account, folder",
                cancellationToken: cancellationToken));
        return rows.Select(r => new MailboxStatusRow(r.Account, r.Folder, r.UidValidity, r.LastUid,
            r.LastContactAt is null ? null : SqliteTime.Parse(r.LastContactAt),
            r.LastIngestAt is null ? null : SqliteTime.Parse(r.LastIngestAt), r.LastError)).ToList();
    }
}

public sealed record MailboxStatusRow(string Account, string Folder, long UidValidity, long LastUid, DateTime? LastContactAtUtc, DateTime? LastIngestAtUtc, string? LastError);
