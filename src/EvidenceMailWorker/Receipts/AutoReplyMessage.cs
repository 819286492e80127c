using MimeKit;
using MimeKit.Utils;

namespace EvidenceMailWorker.Receipts;

// An RFC 3834 auto-reply: one recipient (the person who wrote), threaded under their message,
// marked so that well-behaved software never answers it (and so that our own inbox ignores it).
public static class AutoReplyMessage
{
    // purpose: CONTRACT §5's value for the X-EvidenceMail-Purpose header (receipt or notice).
    public static MimeMessage Create(string purpose, MailboxAddress from, MailboxAddress to, string subject, HeaderList original,
        string campaignMailbox, string html, string text)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Subject = subject;

        var originalId = original[HeaderId.MessageId] is { } rawId ? MimeUtils.ParseMessageId(rawId) : null;
        if (originalId is not null)
        {
            message.InReplyTo = originalId;
            if (original[HeaderId.References] is { } references)
                foreach (var reference in MimeUtils.EnumerateReferences(references))
                    message.References.Add(reference);
            message.References.Add(originalId);
        }

        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Headers.Add(Outbound.MailPurpose.Header, purpose);
        if (!string.IsNullOrWhiteSpace(campaignMailbox))
            message.Headers.Add("X-Loop", campaignMailbox);
        // Exchange/Outlook: no out-of-office or other automatic answer to this message.
        message.Headers.Add("X-Auto-Response-Suppress", "All");

        message.Body = new MultipartAlternative { Utf8Part("plain", text), Utf8Part("html", html) };
        return message;
    }

    // Quoted-printable keeps Vietnamese text 7-bit safe while staying mostly readable in raw form.
    private static TextPart Utf8Part(string subtype, string content)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText("utf-8", content);
        return part;
    }
}
