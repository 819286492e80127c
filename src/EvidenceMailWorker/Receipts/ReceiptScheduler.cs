using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EvidenceMailWorker.Receipts;

// Turns pending answers whose sender has gone quiet into outbox rows: one email per sender batch,
// enqueued in the same transaction that closes the batch's pending rows, keyed by the batch's
// last message so that no message is ever answered twice.
public sealed class ReceiptScheduler(
    Database database,
    PendingReceiptStore pending,
    SubmissionQueries submissions,
    OutboxWriter outbox,
    ReceiptModelBuilder models,
    OutboxSignal outboxSignal,
    IOptionsMonitor<CampaignOptions> campaign,
    IOptionsMonitor<OutboxOptions> outboxOptions,
    IOptionsMonitor<ReceiptsOptions> receiptsOptions,
    IOptionsMonitor<TemplatesOptions> templatesOptions,
    TimeProvider clock,
    ILogger<ReceiptScheduler> logger)
{
    // ignoreQuiet: answer everything now (end of an `import --send-receipts`: nothing more is coming).
    public async Task<int> RunDueAsync(CancellationToken cancellationToken, bool ignoreQuiet = false)
    {
        var quiet = TimeSpan.FromSeconds(Math.Max(0, receiptsOptions.CurrentValue.QuietSeconds));
        var open = await pending.OpenAsync(cancellationToken);
        var enqueued = 0;
        foreach (var batch in ReceiptBatching.Due(open, clock.GetUtcNow().UtcDateTime, quiet, ignoreQuiet))
        {
            try
            {
                if (await AnswerAsync(batch, cancellationToken))
                    enqueued++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One batch that cannot be rendered must not hold back everyone else's receipts.
                logger.LogError(e, "Receipt for {Sender} (messages {Ids}) could not be prepared; retried on the next pass",
                    batch.Sender, string.Join(",", batch.Items.Select(i => i.MessageId)));
            }
        }
        if (enqueued > 0)
            outboxSignal.Wakeup.Pulse();
        return enqueued;
    }

    // When the next batch falls due, so the background loop can sleep until then.
    public async Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        var open = await pending.OpenAsync(cancellationToken);
        if (open.Count == 0)
            return null;
        var quiet = TimeSpan.FromSeconds(Math.Max(0, receiptsOptions.CurrentValue.QuietSeconds));
        var now = clock.GetUtcNow().UtcDateTime;
        // Batches already due were just tried; one that failed waits for the poll, not a busy retry.
        var upcoming = open.GroupBy(p => (p.Kind, p.Sender)).Select(g => g.Max(p => p.CreatedAtUtc) + quiet).Where(due => due > now).ToList();
        return upcoming.Count == 0 ? null : upcoming.Min() - now;
    }

    private async Task<bool> AnswerAsync(ReceiptBatch batch, CancellationToken cancellationToken)
    {
        var directory = new CampaignDirectory(campaign.CurrentValue);
        var ids = batch.Items.Select(i => i.MessageId).ToList();
        var headers = await pending.HeadersAsync(batch.Last.MessageId, cancellationToken);
        var (purpose, key, message) = batch.Kind == ReceiptKinds.UnknownSender
            ? UnknownSenderNotice(directory, batch, headers)
            : await ReceiptAsync(directory, batch, ids, headers, cancellationToken);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await outbox.EnqueueAsync(connection, transaction, purpose, key, message, cancellationToken);
        await PendingReceiptStore.MarkDoneAsync(connection, transaction, database, ids, $"{purpose}:{key}", clock.GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(added ? "Queued {Purpose} to {Sender} for message(s) {Ids}" : "{Purpose} to {Sender} for message(s) {Ids} was already queued",
            purpose, batch.Sender, string.Join(",", ids));
        return added;
    }

    private async Task<(string, string, MimeMessage)> ReceiptAsync(CampaignDirectory directory, ReceiptBatch batch, List<long> ids,
        HeaderList headers, CancellationToken cancellationToken)
    {
        var stored = new List<SubmissionRecord>();
        foreach (var cluster in await pending.ClustersAsync(ids, cancellationToken))
            stored.AddRange(await submissions.ListAsync(new SubmissionFilter(Cluster: cluster), cancellationToken));
        var batchRecords = ids.Select(id => stored.FirstOrDefault(s => s.Id == id)).OfType<SubmissionRecord>().ToList();
        var accepted = stored.Where(s => s.Status == MessageStatus.Accepted).ToList();
        var last = batchRecords.LastOrDefault();
        var model = models.Build(directory, batch.Sender, batchRecords, accepted) with { LastSubject = last?.Subject };
        var rendered = Templates().Render(ReceiptKinds.ReceiptPurpose, model);
        var message = AutoReplyMessage.Create(MailPurpose.Receipt, From(directory), new MailboxAddress(last?.FromName ?? "", batch.Sender), rendered.Subject, headers,
            directory.Campaign.Mailbox, rendered.Html, rendered.Text);
        return (ReceiptKinds.ReceiptPurpose, $"message:{batch.Last.MessageId}", message);
    }

    // Keyed by sender and local day: however many times a stranger writes, one notice a day.
    private (string, string, MimeMessage) UnknownSenderNotice(CampaignDirectory directory, ReceiptBatch batch, HeaderList headers)
    {
        var campaignOptions = directory.Campaign;
        var zone = VietnameseTime.Zone(campaignOptions.TimeZone);
        var day = TimeZoneInfo.ConvertTime(new DateTimeOffset(batch.Last.ReceivedAtUtc, TimeSpan.Zero), zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var original = headers[HeaderId.Subject];
        var notice = new NoticeModel(campaignOptions.Organization, batch.Sender,
            string.IsNullOrWhiteSpace(original) ? "(không có tiêu đề)" : original, string.Join(", ", campaignOptions.Office.Recipients));
        var rendered = Templates().Render("notice", notice);
        var message = AutoReplyMessage.Create(MailPurpose.Notice, From(directory), new MailboxAddress("", batch.Sender), rendered.Subject, headers,
            campaignOptions.Mailbox, rendered.Html, rendered.Text);
        return (ReceiptKinds.UnknownSenderPurpose, $"{batch.Sender}|{day}", message);
    }

    // Read at each use so the office's edits of config/templates apply without a restart.
    private Templates.EmailTemplates Templates() => EvidenceMailWorker.Templates.EmailTemplates.Load(templatesOptions.CurrentValue.ResolvedFolder);

    private MailboxAddress From(CampaignDirectory directory)
    {
        var configured = outboxOptions.CurrentValue.From;
        return new MailboxAddress(directory.Campaign.Organization, string.IsNullOrWhiteSpace(configured) ? directory.Campaign.Mailbox : configured);
    }
}
