using System.Text;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Understanding;
using MimeKit;

namespace EvidenceMailWorker.Ingestion;

// Turns a stored raw message into its verdict: the CONTRACT §4 rules in their order (automatic mail,
// authentication, sender), plus the bad-input checks that keep a message out of the counts.
public static class MessageProcessor
{
    public static async Task<MessageVerdict> ProcessAsync(SpooledFile raw, FileSpool spool, IngestionSettings settings, MessageDecomposer decomposer, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        await using var stream = raw.OpenRead();
        var message = MailParsing.TryLoad(stream, cancellationToken);
        if (message is null)
            return Verdict(MessageStatus.Quarantined, Reasons.Unparseable, null, null, null, null, null, null);

        var from = message.From.Mailboxes.FirstOrDefault();
        var fromAddress = from?.Address;
        var fromName = Nfc(from?.Name);
        var subject = Nfc(message.Subject);

        if (raw.Size > settings.Limits.MaxMessageBytes)
        {
            // Its headers still say whose it is: the unit keeps it (the office sees it) and is told it was too large.
            var owner = AutomaticMailRules.Classify(message, fromAddress, settings.Directory.Campaign.Mailbox, settings.OwnMessageIdDomain) is null
                && !AuthenticationJudge.HasFailed(message.Headers, settings.TrustedAuthServId)
                ? SenderResolver.Resolve(message, fromAddress, settings.Directory)
                : null;
            return Verdict(MessageStatus.Quarantined, Reasons.TooLarge, message, fromAddress, fromName, subject, owner is { IsKnown: true } ? owner : null, null,
                $"message is {raw.Size} bytes, over the limit of {settings.Limits.MaxMessageBytes}");
        }

        var decomposed = await decomposer.DecomposeAsync(message, spool, settings.Limits, cancellationToken);

        var automatic = AutomaticMailRules.Classify(message, fromAddress, settings.Directory.Campaign.Mailbox, settings.OwnMessageIdDomain);
        if (automatic is not null)
            return Verdict(MessageStatus.Ignored, automatic, message, fromAddress, fromName, subject, null, decomposed);
        // Quarantined mail is matched too: the office sees what it would have counted for.
        MessageMatch Match(SenderVerdict? sender) => MatchWords(settings, subject, receivedAt, sender, decomposed);
        if (AuthenticationJudge.HasFailed(message.Headers, settings.TrustedAuthServId))
            return Verdict(MessageStatus.Quarantined, Reasons.FailedAuthentication, message, fromAddress, fromName, subject, null, decomposed, match: Match(null));
        var sender = SenderResolver.Resolve(message, fromAddress, settings.Directory);
        if (!sender.IsKnown)
            return Verdict(MessageStatus.Quarantined, settings.Directory.IsStaff(fromAddress) ? Reasons.StaffMessage : Reasons.UnknownSender,
                message, fromAddress, fromName, subject, null, decomposed, match: Match(null));
        if (decomposed.Problem is not null)
            return Verdict(MessageStatus.Quarantined, decomposed.Problem, message, fromAddress, fromName, subject, sender, decomposed, decomposed.ProblemDetail, Match(sender));
        return Verdict(MessageStatus.Accepted, null, message, fromAddress, fromName, subject, sender, decomposed, match: Match(sender));
    }

    private static MessageMatch MatchWords(IngestionSettings settings, string? subject, DateTimeOffset receivedAt, SenderVerdict? sender, DecomposedMessage decomposed)
    {
        // Entries follow their archive (CONTRACT §3), so the last top-level file before an entry is its archive.
        string? archive = null;
        var files = new List<FileToMatch>(decomposed.Attachments.Count);
        foreach (var attachment in decomposed.Attachments)
        {
            if (attachment.ArchivePath is null)
                archive = attachment.FileName;
            files.Add(new FileToMatch(attachment.FileName, attachment.ArchivePath, attachment.ArchivePath is null ? null : archive));
        }
        return settings.Directory.Matcher.Match(new MessageToMatch(subject, receivedAt, sender?.Unit?.Id, files, decomposed.TextBody, decomposed.HtmlBody));
    }

    private static MessageVerdict Verdict(string status, string? reason, MimeMessage? message, string? fromAddress, string? fromName,
        string? subject, SenderVerdict? sender, DecomposedMessage? decomposed, string? detail = null, MessageMatch? match = null) =>
        new(status, reason, detail, fromAddress, fromName, sender?.OriginalFrom, subject, sender?.Cluster?.Id, sender?.Unit?.Id,
            decomposed?.TextBody ?? Nfc(SafeText(message)), decomposed?.HtmlBody, decomposed?.Attachments ?? [], match);

    private static string? SafeText(MimeMessage? message)
    {
        try { return message?.TextBody; }
        catch (Exception e) when (e is FormatException or DecoderFallbackException or NotSupportedException) { return null; }
    }

    public static string? Nfc(string? text) => text?.Normalize(NormalizationForm.FormC);
}
