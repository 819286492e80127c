using Dapper;
using EvidenceMailWorker.Core;

namespace EvidenceMailWorker.Storage;

// Writes the archive. Storing raw and recording the verdict are separate commits on purpose: the
// raw bytes are safe before any parsing code runs, and a crash in between leaves a `failed` row
// that the next pass retries.
public sealed class ArchiveStore(Database database, TimeProvider clock, IEnumerable<IVerdictListener>? listeners = null)
{
    private readonly IReadOnlyList<IVerdictListener> _listeners = listeners?.ToList() ?? [];

    public const string UnfinishedError = "processing did not finish (interrupted); it is retried on the next pass";

    public Task<StoredMessageRef> StoreRawAsync(RawMessage message, CancellationToken cancellationToken) =>
        StoreRawAsync(message, null, cancellationToken);

    // With a mailbox position, the folder's checkpoint advances in the same transaction as the raw
    // commit (or on its own for a duplicate), so the checkpoint never runs ahead of the archive.
    public async Task<StoredMessageRef> StoreRawAsync(RawMessage message, MailboxPosition? position, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        var existing = await FindAsync(connection, message.ContentKey, message.Raw.Sha256, cancellationToken);
        if (existing is not null)
        {
            if (position is not null)
                await MailboxCheckpoints.AdvanceAsync(database, connection, null, position, now, ingested: false, cancellationToken);
            return existing;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var content = message.Raw.OpenRead())
            await database.Dialect.InsertBlobIfAbsentAsync(connection, transaction, message.Raw.Sha256, message.Raw.Size, content, now, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO messages (content_key, message_id, raw_sha256, raw_size, source, received_at, ingested_at,
                                  from_address, from_name, subject, status, reason, error, gmail_message_id, lease_owner, lease_until)
            VALUES (@ContentKey, @MessageId, @RawSha256, @RawSize, @Source, @ReceivedAt, @Now,
                    @FromAddress, @FromName, @Subject, @Status, @Reason, @Error, @GmailMessageId, @LeaseOwner, @LeaseUntil)
            ON CONFLICT (content_key) DO NOTHING
            RETURNING id
            """,
            new
            {
                message.ContentKey,
                MessageId = StoredText.Clean(message.MessageId),
                RawSha256 = message.Raw.Sha256,
                RawSize = message.Raw.Size,
                Source = StoredText.Clean(message.Source),
                ReceivedAt = database.Dialect.Time(message.ReceivedAtUtc),
                Now = database.Dialect.Time(now),
                FromAddress = StoredText.Clean(message.FromAddress),
                FromName = StoredText.Clean(message.FromName),
                Subject = StoredText.Clean(message.Subject),
                Status = MessageStatus.Failed,
                Reason = Reasons.Error,
                Error = UnfinishedError,
                GmailMessageId = position?.GmailMessageId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Its verdict is worked out next, by this process: nobody else's retry pass takes it meanwhile.
                LeaseOwner = ProcessingClaims.Owner,
                LeaseUntil = database.Dialect.Time(now + ProcessingClaims.Lease),
            },
            transaction, cancellationToken: cancellationToken));
        if (position is not null)
            await MailboxCheckpoints.AdvanceAsync(database, connection, transaction, position, now, ingested: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (id is null) // another worker stored it between our look-up and insert
            return (await FindAsync(connection, message.ContentKey, message.Raw.Sha256, cancellationToken))!;
        return new StoredMessageRef(id.Value, Duplicate: false, MessageStatus.Failed);
    }

    public async Task CompleteAsync(long id, MessageVerdict verdict, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A retry replaces whatever an earlier, interrupted attempt left behind.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM attachments WHERE message_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var match = verdict.Match ?? Understanding.MessageMatch.None;
        var ordinal = 0;
        // Only each file's identity is recorded: its bytes are in the raw message (StoredAttachments derives them).
        foreach (var attachment in verdict.Attachments)
        {
            var matched = match.Files.ElementAtOrDefault(ordinal);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO attachments (message_id, ordinal, file_name, original_file_name, content_type, detected_type, size, sha256, archive_path, criteria, units)
                VALUES (@id, @ordinal, @FileName, @OriginalFileName, @DeclaredContentType, @DetectedContentType, @Size, @Sha256, @ArchivePath, @Criteria, @Units)
                """,
                new
                {
                    id,
                    Criteria = MatchJson.Codes(matched?.Criteria),
                    Units = MatchJson.Codes(matched?.Units),
                    ordinal = ordinal++,
                    FileName = StoredText.Clean(attachment.FileName),
                    OriginalFileName = StoredText.Clean(attachment.OriginalFileName),
                    DeclaredContentType = StoredText.Clean(attachment.DeclaredContentType),
                    DetectedContentType = StoredText.Clean(attachment.DetectedContentType),
                    attachment.Content.Size,
                    attachment.Content.Sha256,
                    ArchivePath = StoredText.Clean(attachment.ArchivePath),
                },
                transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE messages SET status = @Status, reason = @Reason, error = @Error, processed_at = @Now,
                   lease_owner = NULL, lease_until = NULL, next_attempt_at = NULL, from_address = COALESCE(@FromAddress, from_address), from_name = COALESCE(@FromName, from_name),
                   original_from = @OriginalFrom, subject = COALESCE(@Subject, subject), cluster_id = @ClusterId, unit_id = @UnitId,
                   text_body = @TextBody, html_body = @HtmlBody, track_id = @TrackId, period_id = @PeriodId, late = @Late
            WHERE id = @Id
            """,
            new
            {
                Id = id,
                verdict.Status,
                verdict.Reason,
                Error = StoredText.Clean(verdict.Error),
                Now = database.Dialect.Time(now),
                FromAddress = StoredText.Clean(verdict.FromAddress),
                FromName = StoredText.Clean(verdict.FromName),
                OriginalFrom = StoredText.Clean(verdict.OriginalFrom),
                Subject = StoredText.Clean(verdict.Subject),
                verdict.ClusterId,
                verdict.UnitId,
                TextBody = StoredText.Clean(verdict.TextBody),
                HtmlBody = StoredText.Clean(verdict.HtmlBody),
                match.TrackId,
                match.PeriodId,
                match.Late,
            },
            transaction, cancellationToken: cancellationToken));
        await MatchJson.ReplaceLinksAsync(connection, transaction, id, match.Links, cancellationToken);
        foreach (var listener in _listeners)
            await listener.RecordAsync(connection, transaction, id, verdict, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var listener in _listeners)
            listener.Committed(id, verdict);
    }

    public async Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET status = @Status, reason = @Reason, error = @error, processed_at = @Now, lease_owner = NULL, lease_until = NULL WHERE id = @id",
            new { id, error = StoredText.Clean(error), Status = MessageStatus.Failed, Reason = Reasons.Error, Now = database.Dialect.Time(clock.GetUtcNow().UtcDateTime) },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> CopyBlobToAsync(string sha256, Stream destination, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await database.Dialect.CopyBlobToAsync(connection, sha256, destination, cancellationToken);
    }

    public async Task<string?> RawSha256Async(long messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT raw_sha256 FROM messages WHERE id = @messageId", new { messageId }, cancellationToken: cancellationToken));
    }

    // The same raw bytes are the same message even under a key an older version computed
    // differently (a Message-ID with a header block BodyHasher now treats as having no body).
    private static async Task<StoredMessageRef?> FindAsync(System.Data.Common.DbConnection connection, string contentKey, string rawSha256, CancellationToken cancellationToken)
    {
        var row = await connection.QueryFirstOrDefaultAsync<(long Id, string Status)?>(new CommandDefinition(
            "SELECT id, status FROM messages WHERE content_key = @contentKey OR raw_sha256 = @rawSha256 ORDER BY id LIMIT 1",
            new { contentKey, rawSha256 }, cancellationToken: cancellationToken));
        return row is { } r ? new StoredMessageRef(r.Id, Duplicate: true, r.Status) : null;
    }
}
