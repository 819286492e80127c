using MimeKit;
using MimeKit.Tnef;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// Outlook wraps attachments in winmail.dat (TNEF); the office needs the files inside, not the .dat.
// MimeKit only recognises TNEF by its declared type, so the caller also sends here any part whose
// bytes sniff as TNEF (winmail.dat sent as application/octet-stream).
internal static class TnefExtractor
{
    // The whole TNEF is read into memory by MimeKit; it is bounded by the message size limit.
    // null when the bytes are not usable TNEF: the caller then keeps the .dat as a file.
    public static MimeMessage? TryConvert(SpooledFile tnef)
    {
        try
        {
            using var stream = tnef.OpenRead();
            var part = new TnefPart { Content = new MimeContent(stream) };
            var message = part.ConvertToMessage();
            // MimeKit stops quietly at damage; nothing recovered means the .dat is all we have.
            return message.BodyParts.Any() ? message : null;
        }
        catch (Exception ex) when (ex is TnefException or FormatException or IOException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    // MimeKit turns the Outlook message body (RTF, HTML, text) into named parts; they are the mail's
    // text, not files the sender attached.
    public static bool IsRenderedBody(MimeEntity entity) =>
        entity is TextPart text
        && text.ContentType.Name is "body.rtf" or "body.html" or "body.txt";
}
