using MimeKit;

namespace EvidenceMailWorker.Core;

// CONTRACT §4 "Automatic mail" (RFC 3834 §2 and common practice): such mail is ignored and never
// answered, which is what keeps the worker out of mail loops.
public static class AutomaticMailRules
{
    private static readonly string[] DaemonLocalParts = ["mailer-daemon", "postmaster"];
    private static readonly string[] NoReplyLocalParts = ["noreply", "no-reply", "donotreply", "do-not-reply", "no_reply"];

    // Returns the ignore reason, or null when the message is from a person.
    public static string? Classify(MimeMessage message, string? fromAddress, string campaignMailbox, string ownMessageIdDomain)
    {
        var headers = message.Headers;
        if (IsOwn(message.MessageId, ownMessageIdDomain))
            return Reasons.OwnMessage;
        var xLoop = headers["X-Loop"];
        if (xLoop is not null && !string.IsNullOrWhiteSpace(campaignMailbox)
            && xLoop.Contains(campaignMailbox, StringComparison.OrdinalIgnoreCase))
            return Reasons.OwnMessage;

        var reportType = ReportType(message.Body);
        if (reportType is not null)
            return reportType.Equals("disposition-notification", StringComparison.OrdinalIgnoreCase) ? Reasons.ReadReceipt : Reasons.Bounce;

        var local = LocalPart(fromAddress);
        if (local is not null && DaemonLocalParts.Contains(local, StringComparer.OrdinalIgnoreCase))
            return Reasons.Bounce;
        var returnPath = headers[HeaderId.ReturnPath];
        if (returnPath is not null && returnPath.Trim() is "<>" or "")
            return Reasons.Bounce;

        var autoSubmitted = headers["Auto-Submitted"];
        if (autoSubmitted is not null && !autoSubmitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
            return Reasons.AutoReply;
        if (headers["X-Autoreply"] is not null || headers["X-Autorespond"] is not null)
            return Reasons.AutoReply;
        var suppress = headers["X-Auto-Response-Suppress"];
        if (suppress is not null && suppress.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Any(v => v.Equals("All", StringComparison.OrdinalIgnoreCase) || v.Equals("OOF", StringComparison.OrdinalIgnoreCase) || v.Equals("AutoReply", StringComparison.OrdinalIgnoreCase)))
            return Reasons.AutoReply;

        var precedence = headers[HeaderId.Precedence]?.Trim();
        if (precedence is not null && (precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase)
            || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase) || precedence.Equals("list", StringComparison.OrdinalIgnoreCase)))
            return Reasons.Bulk;
        if (headers[HeaderId.ListId] is not null || headers[HeaderId.ListUnsubscribe] is not null)
            return Reasons.Bulk;
        if (local is not null && NoReplyLocalParts.Any(n => local.Equals(n, StringComparison.OrdinalIgnoreCase) || local.StartsWith(n + "+", StringComparison.OrdinalIgnoreCase)))
            return Reasons.Bulk;
        return null;
    }

    private static bool IsOwn(string? messageId, string domain) =>
        messageId is not null && !string.IsNullOrWhiteSpace(domain)
        && messageId.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase);

    // multipart/report anywhere at the top, or a bare message/delivery-status body (some Exchange DSNs).
    private static string? ReportType(MimeEntity? body) => body switch
    {
        MultipartReport report => string.IsNullOrEmpty(report.ReportType) ? "delivery-status" : report.ReportType,
        MessageDeliveryStatus => "delivery-status",
        MessageDispositionNotification => "disposition-notification",
        Multipart { ContentType.MediaSubtype: var sub } multipart when sub.Equals("mixed", StringComparison.OrdinalIgnoreCase)
            => multipart.Count > 0 ? ReportType(multipart[0]) : null,
        _ => null,
    };

    private static string? LocalPart(string? address)
    {
        if (string.IsNullOrEmpty(address))
            return null;
        var at = address.LastIndexOf('@');
        return at < 0 ? address : address[..at];
    }
}
