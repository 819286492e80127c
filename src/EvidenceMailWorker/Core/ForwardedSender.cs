using System.Net;
using System.Text.RegularExpressions;
using MimeKit;

namespace EvidenceMailWorker.Core;

// When staff forward a unit's mail to the campaign inbox, the unit is the real sender (CONTRACT §4
// "Sender"). The original is either attached (message/rfc822) or quoted inline under a From: line.
public static partial class ForwardedSender
{
    public static MailboxAddress? Find(MimeMessage message)
    {
        foreach (var part in message.BodyParts)
        {
            if (part is MessagePart { Message: { } attached })
            {
                var original = attached.From.Mailboxes.FirstOrDefault();
                if (original is not null)
                    return original;
            }
        }
        var text = message.TextBody ?? HtmlToText(message.HtmlBody);
        return text is null ? null : FindInline(text);
    }

    // The first "From:" (or Vietnamese Gmail's "Từ:") line of an inline forward.
    public static MailboxAddress? FindInline(string text)
    {
        foreach (Match line in FromLine().Matches(text))
        {
            var value = line.Groups["value"].Value.Trim();
            var angle = AngleAddress().Match(value);
            var address = angle.Success ? angle.Groups["address"].Value : BareAddress().Match(value).Value;
            if (string.IsNullOrEmpty(address))
                continue;
            var name = angle.Success ? value[..angle.Index].Trim().Trim('"', '\'', ' ') : "";
            return new MailboxAddress(name, address.Trim());
        }
        return null;
    }

    private static string? HtmlToText(string? html)
    {
        if (html is null)
            return null;
        var withBreaks = BlockEnd().Replace(html, "\n");
        return WebUtility.HtmlDecode(Tag().Replace(withBreaks, ""));
    }

    [GeneratedRegex(@"^[ \t>]*\*?(?:From|Từ|Tu|De|Von)\*?[ \t]*:[ \t]*(?<value>.+)$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"[<\[](?:mailto:)?(?<address>[^<>\[\]\s]+@[^<>\[\]\s]+)[>\]]", RegexOptions.IgnoreCase)]
    private static partial Regex AngleAddress();

    [GeneratedRegex(@"[^\s<>""'\[\]:]+@[^\s<>""'\[\]]+\.[A-Za-z]{2,}")]
    private static partial Regex BareAddress();

    [GeneratedRegex(@"<\s*(br|/p|/div|/tr|/li|/h\d)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
