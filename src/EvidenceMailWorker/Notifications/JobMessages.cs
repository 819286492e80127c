using EvidenceMailWorker.Configuration;
using MimeKit;

namespace EvidenceMailWorker.Notifications;

// The MIME form of a job's email: HTML with a plain-text alternative, marked as automatic
// (CONTRACT §5: X-EvidenceMail-Purpose, Auto-Submitted: auto-generated) so no one's software answers it
// and our own inbox ignores it.
public static class JobMessages
{
    public const string PurposeHeader = Outbound.MailPurpose.Header;

    public static MimeMessage Create(CampaignOptions campaign, OutboxOptions outbox, JobEmail email)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(campaign.Organization, string.IsNullOrWhiteSpace(outbox.From) ? campaign.Mailbox : outbox.From));
        foreach (var to in email.Plan.To)
            message.To.Add(MailboxAddress.Parse(to));
        foreach (var cc in email.Plan.Cc)
            message.Cc.Add(MailboxAddress.Parse(cc));
        message.Subject = email.Rendered.Subject;
        message.Headers.Add(PurposeHeader, email.Plan.Purpose);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        if (!string.IsNullOrWhiteSpace(campaign.Mailbox))
            message.Headers.Add("X-Loop", campaign.Mailbox);

        var body = new MultipartAlternative { Text("plain", email.Rendered.Text), Text("html", email.Rendered.Html) };
        if (email.Attachments.Count == 0)
        {
            message.Body = body;
            return message;
        }
        var mixed = new Multipart("mixed") { body };
        foreach (var path in email.Attachments)
        {
            // Loaded into memory: the outbox stores the finished message as bytes anyway, and a
            // workbook and a chart are a few hundred KB.
            var part = new MimePart(MimeTypes.GetMimeType(path))
            {
                Content = new MimeContent(new MemoryStream(File.ReadAllBytes(path))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = Path.GetFileName(path),
            };
            mixed.Add(part);
        }
        message.Body = mixed;
        return message;
    }

    private static TextPart Text(string subtype, string content)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText("utf-8", content);
        return part;
    }
}
