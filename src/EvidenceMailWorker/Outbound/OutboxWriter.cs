using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EvidenceMailWorker.Outbound;

// Puts an email into the outbox inside the caller's transaction, so the mail exists exactly when
// the fact that caused it does. The message is frozen here (Message-ID, Date, transfer encodings)
// and stored as bytes: whatever happens later, a resend is the identical message.
public sealed class OutboxWriter(Database database, IOptionsMonitor<OutboxOptions> options, TimeProvider clock)
{
    // Returns false when (purpose, key) is already in the outbox: enqueuing twice is a no-op.
    public async Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, string purpose, string key,
        MimeMessage message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        message.MessageId = MessageIdFor(purpose, key, options.CurrentValue.MessageIdDomain);
        message.Date = now;
        var sender = message.Sender ?? message.From.Mailboxes.FirstOrDefault()
            ?? throw new ArgumentException("an outgoing message needs a From address", nameof(message));
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Select(m => m.Address).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count == 0)
            throw new ArgumentException("an outgoing message needs a recipient", nameof(message));

        // 7-bit now, so MailKit's own Prepare before sending finds nothing to change in the stored bytes.
        message.Prepare(EncodingConstraint.SevenBit);
        using var buffer = new MemoryStream();
        await message.WriteToAsync(FormatOptions.Default, buffer, cancellationToken);

        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO outbox (purpose, idempotency_key, sender, recipients, message_id, mime, created_at, attempts, next_attempt_at)
            VALUES (@purpose, @key, @Sender, @Recipients, @MessageId, @Mime, @Now, 0, @Now)
            ON CONFLICT (purpose, idempotency_key) DO NOTHING
            RETURNING id
            """,
            new
            {
                purpose,
                key,
                Sender = sender.Address,
                Recipients = JsonSerializer.Serialize(recipients),
                MessageId = "<" + message.MessageId + ">",
                Mime = buffer.ToArray(),
                Now = database.Dialect.Time(now.UtcDateTime),
            },
            transaction, cancellationToken: cancellationToken));
        return id is not null;
    }

    // Readable origin (purpose, key hash) plus a random part: keys restart with a fresh database,
    // and Gmail silently drops a message whose Message-ID the mailbox has already seen. Resends
    // reuse the stored bytes, so the random part is fixed from here on.
    public static string MessageIdFor(string purpose, string key, string domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\n" + key)))[..16];
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return $"{purpose}.{hash}.{nonce}@{domain}";
    }
}
