using System.Net;
using System.Text.RegularExpressions;

namespace EvidenceMailWorker.Understanding;

// A stretch of an HTML body between two block-level tags: its visible text and the links inside it.
public sealed record HtmlBlock(string Text, IReadOnlyList<(string Href, string Text)> Anchors);

// Splits mail HTML into blocks with regular expressions instead of a DOM parser (none is referenced).
// Enough for what mail clients write (Gmail: <div>/<br>, Outlook: <p>, tables with one row per line).
// Limits, accepted on purpose: a link's block is the innermost stretch between block tags, so text of
// an enclosing block on the other side of a nested block is not seen; <td> is not a boundary (a table
// row is one line); malformed markup (a '>' inside an attribute value) may cut a block short.
public static partial class HtmlBlocks
{
    [GeneratedRegex(@"<!--.*?-->|<(script|style|head|title)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Invisible();

    // Non-capturing on purpose: Regex.Split would return captured groups as segments.
    [GeneratedRegex(@"<\s*/?\s*(?:p|div|li|tr|br|hr|h[1-6]|ul|ol|dl|dt|dd|table|tbody|thead|tfoot|blockquote|pre|section|article|header|footer|body|html)\b[^>]*>",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<a\b[^>]*?\bhref\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+))[^>]*>(.*?)</a\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    public static IReadOnlyList<HtmlBlock> Split(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return [];
        var blocks = new List<HtmlBlock>();
        foreach (var segment in BlockTag().Split(Invisible().Replace(html, " ")))
        {
            if (string.IsNullOrWhiteSpace(segment))
                continue;
            var anchors = Anchor().Matches(segment)
                .Select(m => (Href: WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value),
                              Text: VisibleText(m.Groups[4].Value)))
                .ToList();
            var text = VisibleText(segment);
            if (text.Length > 0 || anchors.Count > 0)
                blocks.Add(new HtmlBlock(text, anchors));
        }
        return blocks;
    }

    private static string VisibleText(string markup) => WebUtility.HtmlDecode(AnyTag().Replace(markup, " ")).Trim();
}
