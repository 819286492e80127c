using System.Text;

namespace EvidenceMailWorker.Receipts;

// Escapes text for HTML. WebUtility.HtmlEncode would also turn every Latin-1 letter (ê, à, ô …)
// into &#NNN; while leaving the other Vietnamese letters alone: valid, but half-encoded words make
// the source unsearchable and bloat it. The page is UTF-8, so only markup characters need escaping.
public static class Html
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return encoded.ToString();
    }
}
