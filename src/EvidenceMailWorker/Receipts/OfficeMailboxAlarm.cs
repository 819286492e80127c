using System.Text;
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
    IOptionsMonitor<OutboxOptions> outbox, TimeProvider clock) : IMailboxAlarm
{
    public const string Purpose = "mailbox-alarm";
    public const string Subject = "Cảnh báo: hệ thống đã ngừng đọc hộp thư minh chứng";

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
        message.Subject = Subject;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Loop", c.Mailbox);

        var lines = new[]
        {
            $"Hệ thống tiếp nhận minh chứng đã ngừng đọc hộp thư {account} vì máy chủ thư từ chối đăng nhập.",
            "Thư mới gửi đến hộp thư vẫn an toàn trong Gmail, nhưng chưa được lưu, chưa được trả biên nhận cho đến khi sửa xong.",
            "Cách sửa: tạo mật khẩu ứng dụng mới (hoặc cấp lại quyền OAuth2) theo hướng dẫn docs/imap.md, cập nhật cấu hình rồi khởi động lại hệ thống; khi đó toàn bộ thư còn thiếu sẽ được đọc bù.",
            $"Chi tiết kỹ thuật: {reason}",
        };
        var text = new StringBuilder();
        foreach (var line in lines)
            text.AppendLine(line).AppendLine();
        var html = new StringBuilder();
        ReceiptHtml.Open(html, Subject);
        html.Append($"<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 12px 0;color:#a33b00;\">{Html.Encode(Subject)}</h1>");
        foreach (var line in lines)
            html.Append($"<p>{Html.Encode(line)}</p>");
        ReceiptHtml.Close(html);
        message.Body = new MultipartAlternative
        {
            new TextPart("plain") { Text = text.ToString() },
            new TextPart("html") { Text = html.ToString() },
        };
        return message;
    }
}
