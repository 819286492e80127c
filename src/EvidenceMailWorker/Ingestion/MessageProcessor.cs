using System.Text;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using MimeKit;

namespace EvidenceMailWorker.Ingestion;

// Turns a stored raw message into its verdict: the CONTRACT §4 rules in their order (automatic mail,
// authentication, sender), plus the bad-input checks that keep a message out of the counts.
public static class MessageProcessor
{
    public static async Task<MessageVerdict> ProcessAsync(SpooledFile raw, FileSpool spool, IngestionSettings settings, MessageDecomposer decomposer, CancellationToken cancellationToken)
    {
        await using var stream = raw.OpenRead();
        var message = await MailParsing.TryLoadAsync(stream, cancellationToken);
        if (message is null)
            return Verdict(MessageStatus.Quarantined, Reasons.Unparseable, null, null, null, null, null, null);

        var from = message.From.Mailboxes.FirstOrDefault();
        var fromAddress = from?.Address;
        var fromName = Nfc(from?.Name);
        var subject = Nfc(message.Subject);

        if (raw.Size > settings.Limits.MaxMessageBytes)
            return Verdict(MessageStatus.Quarantined, Reasons.TooLarge, message, fromAddress, fromName, subject, null, null,
                $"message is {raw.Size} bytes, over the limit of {settings.Limits.MaxMessageBytes}");

        var decomposed = await decomposer.DecomposeAsync(message, spool, settings.Limits, cancellationToken);

        var automatic = AutomaticMailRules.Classify(message, fromAddress, settings.Directory.Campaign.Mailbox, settings.OwnMessageIdDomain);
        if (automatic is not null)
            return Verdict(MessageStatus.Ignored, automatic, message, fromAddress, fromName, subject, null, decomposed);
        if (AuthenticationJudge.HasFailed(message.Headers, settings.TrustedAuthServId))
            return Verdict(MessageStatus.Quarantined, Reasons.FailedAuthentication, message, fromAddress, fromName, subject, null, decomposed);
        var sender = SenderResolver.Resolve(message, fromAddress, settings.Directory);
        if (!sender.IsKnown)
            return Verdict(MessageStatus.Quarantined, Reasons.UnknownSender, message, fromAddress, fromName, subject, null, decomposed);
        if (decomposed.Problem is not null)
            return Verdict(MessageStatus.Quarantined, decomposed.Problem, message, fromAddress, fromName, subject, sender, decomposed, decomposed.ProblemDetail);
        return Verdict(MessageStatus.Accepted, null, message, fromAddress, fromName, subject, sender, decomposed);
    }

    private static MessageVerdict Verdict(string status, string? reason, MimeMessage? message, string? fromAddress, string? fromName,
        string? subject, SenderVerdict? sender, DecomposedMessage? decomposed, string? detail = null) =>
        new(status, reason, detail, fromAddress, fromName, sender?.OriginalFrom, subject, sender?.Cluster?.Id, sender?.Unit?.Id,
            decomposed?.TextBody ?? Nfc(SafeText(message)), decomposed?.HtmlBody, decomposed?.Attachments ?? []);

    private static string? SafeText(MimeMessage? message)
    {
        try { return message?.TextBody; }
        catch (Exception e) when (e is FormatException or DecoderFallbackException or NotSupportedException) { return null; }
    }

    public static string? Nfc(string? text) => text?.Normalize(NormalizationForm.FormC);
}
