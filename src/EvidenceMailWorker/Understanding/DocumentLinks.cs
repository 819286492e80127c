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
    // Bounds on the matching work one message can cause: every context is tokenised by the matcher,
    // so a hostile body (one 80 KB line or block holding thousands of links) would otherwise cost
    // links × line length. A real submission has a few links, each on a short line.
    public const int MaxLinks = 200;
    public const int MaxContextsPerLink = 8;
    public const int ContextRadius = 600;

    [GeneratedRegex(@"https?://[^\s<>""'`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    public static IReadOnlyList<FoundLink> Find(string? textBody, string? htmlBody, IReadOnlyList<string> hosts)
    {
        var order = new List<string>();
        var contexts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string candidate, string line, int start, int length)
        {
            var url = Clean(candidate, hosts);
            if (url is null)
                return;
            if (!contexts.TryGetValue(url, out var list))
            {
                if (order.Count >= MaxLinks)
                    return;
                contexts[url] = list = [];
                order.Add(url);
            }
            if (list.Count < MaxContextsPerLink)
                list.Add(UrlPattern().Replace(Around(line, start, length), " "));
        }

        foreach (var line in (textBody ?? "").Split('\n'))
            foreach (Match m in UrlPattern().Matches(line))
                Add(m.Value, line, m.Index, m.Length);
        foreach (var block in HtmlBlocks.Split(htmlBody))
        {
            foreach (var anchor in block.Anchors)
                Add(anchor.Href, block.Text + " " + anchor.Text, anchor.Start, anchor.Text.Length);
            foreach (Match m in UrlPattern().Matches(block.Text))
                Add(m.Value, block.Text, m.Index, m.Length);
        }
        return order.Select(u => new FoundLink(u, contexts[u])).ToList();
    }

    // The words near a link: the whole line when it is short, else a window around the link (cut at spaces).
    private static string Around(string line, int start, int length)
    {
        if (line.Length <= 2 * ContextRadius)
            return line;
        var from = Math.Max(0, start - ContextRadius);
        var to = Math.Min(line.Length, start + length + ContextRadius);
        var window = line[from..to];
        if (from > 0 && window.IndexOf(' ') is var first and >= 0)
            window = window[(first + 1)..];
        if (to < line.Length && window.LastIndexOf(' ') is var last and > 0)
            window = window[..last];
        return window;
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
