using System.Data.Common;
using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Receipts;

// Records, in the verdict's own transaction, that a message is owed an answer. Nothing is rendered
// here: the answer waits until the sender has been quiet (they often split one submission over
// several emails), then ReceiptScheduler answers the whole batch at once.
public sealed class ReceiptRequests(
    Database database, ReceiptPolicy policy, ReceiptSignal signal,
    IOptionsMonitor<CampaignOptions> campaign, IOptionsMonitor<OutboxOptions> outbox, TimeProvider clock) : IVerdictListener
{
    // Quarantine reasons a registered sender can act on; failed-authentication is left out because
    // the real owner of the address may not be who wrote, and must not be mailed about it.
    private static readonly HashSet<string> ExplainableQuarantine =
        [Reasons.TooLarge, Reasons.ArchiveLimit, Reasons.EncryptedArchive, Reasons.Unparseable];

    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, long messageId, MessageVerdict verdict, CancellationToken cancellationToken)
    {
        if (policy.ReceiptsFrom is not { } from || KindOf(verdict) is not { } kind || !IsAnswerable(verdict.FromAddress))
            return;
        // received_at lives on the row, so the "from the worker's start" rule is applied in SQL.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO receipt_pending (message_id, kind, sender, received_at, created_at)
            SELECT id, @kind, @Sender, received_at, @Now FROM messages WHERE id = @messageId AND received_at >= @From
            ON CONFLICT (message_id) DO NOTHING
            """,
            new
            {
                messageId,
                kind,
                Sender = StoredText.Clean(verdict.FromAddress!.Trim().ToLowerInvariant()),
                Now = database.Dialect.Time(clock.GetUtcNow().UtcDateTime),
                From = database.Dialect.Time(from == DateTimeOffset.MinValue ? DateTime.MinValue : from.UtcDateTime),
            },
            transaction, cancellationToken: cancellationToken));
    }

    public void Committed(long messageId, MessageVerdict verdict)
    {
        if (policy.ReceiptsFrom is not null && KindOf(verdict) is not null)
            signal.Wakeup.Pulse();
    }

    private static string? KindOf(MessageVerdict verdict) => verdict.Status switch
    {
        MessageStatus.Accepted => ReceiptKinds.Receipt,
        MessageStatus.Quarantined when verdict.Reason == Reasons.UnknownSender => ReceiptKinds.UnknownSender,
        MessageStatus.Quarantined when verdict.UnitId is not null && verdict.Reason is { } r && ExplainableQuarantine.Contains(r) => ReceiptKinds.Receipt,
        _ => null,
    };

    // Never answer ourselves: the campaign mailbox or the outbox sender writing to itself is a loop.
    private bool IsAnswerable(string? address) =>
        !string.IsNullOrWhiteSpace(address)
        && !address.Equals(campaign.CurrentValue.Mailbox, StringComparison.OrdinalIgnoreCase)
        && !address.Equals(outbox.CurrentValue.From, StringComparison.OrdinalIgnoreCase);
}
