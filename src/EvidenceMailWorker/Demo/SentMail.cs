using System.Text;
using EvidenceMailWorker.Outbound;
using MimeKit;

namespace EvidenceMailWorker.Demo;

// One email the worker produced, read back from the .eml file the Folder outbox wrote.
public sealed record SentEmail(
    string Path, DateTimeOffset Date, string Purpose, IReadOnlyList<string> To, IReadOnlyList<string> Cc,
    string Subject, string? Html, string? Text, IReadOnlyList<string> Attachments);

public static class SentMail
{
    // Oldest first (the simulated Date: each was queued at), then by file name (creation time and row id).
    public static IReadOnlyList<SentEmail> Read(string outboxFolder)
    {
        if (!Directory.Exists(outboxFolder))
            return [];
        var emails = new List<SentEmail>();
        foreach (var path in Directory.EnumerateFiles(outboxFolder, "*.eml"))
        {
            using var message = MimeMessage.Load(path);
            emails.Add(new SentEmail(
                path,
                message.Date,
                message.Headers[MailPurpose.Header] ?? "",
                message.To.Mailboxes.Select(m => m.Address).ToList(),
                message.Cc.Mailboxes.Select(m => m.Address).ToList(),
                Nfc(message.Subject) ?? "",
                Nfc(message.HtmlBody),
                Nfc(message.TextBody),
                message.Attachments.Select(a => Nfc(a.ContentDisposition?.FileName ?? a.ContentType.Name) ?? "").ToList()));
        }
        return emails.OrderBy(e => e.Date).ThenBy(e => System.IO.Path.GetFileName(e.Path), StringComparer.Ordinal).ToList();
    }

    private static string? Nfc(string? text) => text?.Normalize(NormalizationForm.FormC);
}
