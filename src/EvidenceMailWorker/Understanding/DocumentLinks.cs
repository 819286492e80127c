using System.Text.RegularExpressions;

namespace EvidenceMailWorker.Understanding;

// A document-store URL found in a message body, with the texts that describe it: the plain-text line
// it stands on, and in HTML the text of its block plus its own link text. A URL repeated in the text
// and HTML parts is one link with several contexts.
public sealed record FoundLink(string Url, IReadOnlyList<string> Contexts);

// CONTRACT §4 Links: http(s) URLs pointing at a document store (Understanding:LinkHosts; by default
// Google Drive/Docs, OneDrive/SharePoint, Dropbox, Zalo, Facebook); other URLs (a signature's website,
// a news article) are not evidence.
public static partial class DocumentLinks
{
    [GeneratedRegex(@"https?://[^\s<>""'`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    public static IReadOnlyList<FoundLink> Find(string? textBody, string? htmlBody, IReadOnlyList<string> hosts)
    {
        var order = new List<string>();
        var contexts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string candidate, string context)
        {
            var url = Clean(candidate, hosts);
            if (url is null)
                return;
            if (!contexts.TryGetValue(url, out var list))
            {
                contexts[url] = list = [];
                order.Add(url);
            }
            list.Add(UrlPattern().Replace(context, " "));
        }

        foreach (var line in (textBody ?? "").Split('\n'))
            foreach (Match m in UrlPattern().Matches(line))
                Add(m.Value, line);
        foreach (var block in HtmlBlocks.Split(htmlBody))
        {
            foreach (var (href, text) in block.Anchors)
                Add(href, block.Text + " " + text);
            foreach (Match m in UrlPattern().Matches(block.Text))
                Add(m.Value, block.Text);
        }
        return order.Select(u => new FoundLink(u, contexts[u])).ToList();
    }

    // The URL as evidence, or null when it is not one: trailing sentence punctuation is not part of it.
    public static string? Clean(string candidate, IReadOnlyList<string> hosts)
    {
        var url = candidate.Trim().TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}', '>');
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return null;
        var host = uri.Host.ToLowerInvariant();
        return hosts.Any(d => IsHostOrSubdomain(host, d.Trim().ToLowerInvariant())) ? url : null;
    }

    private static bool IsHostOrSubdomain(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
}
