using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EvidenceMailWorker.Receipts;

// Mails the office (Office.Recipients) when the mailbox can no longer be read, at most once a day
// per mailbox: the worker itself cannot fix a revoked password, and nobody reads its log.
public sealed class OfficeMailboxAlarm(
    Database database, OutboxWriter writer, OutboxSignal signal, IOptionsMonitor<CampaignOptions> campaign,
    IOptionsMonitor<OutboxOptions> outbox, IOptionsMonitor<TemplatesOptions> templates, TimeProvider clock) : IMailboxAlarm
{
    public const string Purpose = "mailbox-alarm";

    public async Task MailboxStoppedAsync(string account, string reason, CancellationToken cancellationToken)
    {
        var c = campaign.CurrentValue;
        if (c.Office.Recipients.Count == 0)
            return;
        var day = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), VietnameseTime.Zone(c.TimeZone)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var message = Build(c, account, reason);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var queued = await writer.EnqueueAsync(connection, transaction, Purpose, $"{account}|{day}", message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (queued)
            signal.Wakeup.Pulse();
    }

    private MimeMessage Build(CampaignOptions c, string account, string reason)
    {
        var from = string.IsNullOrWhiteSpace(outbox.CurrentValue.From) ? c.Mailbox : outbox.CurrentValue.From;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(c.Organization, from));
        foreach (var recipient in c.Office.Recipients)
            message.To.Add(MailboxAddress.Parse(recipient));
        var rendered = Templates.EmailTemplates.Load(templates.CurrentValue.ResolvedFolder).Render("alarm", new AlarmModel(account, reason));
        message.Subject = rendered.Subject;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(MailPurpose.Header, MailPurpose.Alarm);
        message.Headers.Add("X-Loop", c.Mailbox);
        message.Body = new MultipartAlternative
        {
            new TextPart("plain") { Text = rendered.Text },
            new TextPart("html") { Text = rendered.Html },
        };
        return message;
    }
}

// What the alarm's templates (alarm.*.liquid) say: which mailbox stopped and why.
public sealed record AlarmModel(string Account, string Reason);
