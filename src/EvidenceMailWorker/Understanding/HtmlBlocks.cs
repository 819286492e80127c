using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace EvidenceMailWorker.Understanding;

// A link inside a block: its target, its own text, and where its text starts in the block's text.
public sealed record HtmlAnchor(string Href, string Text, int Start);

// A stretch of an HTML body between two block-level tags: its visible text and the links inside it.
public sealed record HtmlBlock(string Text, IReadOnlyList<HtmlAnchor> Anchors);

// Splits mail HTML into blocks with a real HTML5 parser (AngleSharp): its tree builder is linear in
// the input, so unclosed tags cost what closed ones do (the regular expressions this replaces
// backtracked quadratically on them). The tree is walked with an explicit stack because hostile
// mail nests thousands of elements deep. A link's block is the innermost stretch between block
// tags; <td> is not a boundary (a table row is one line), as mail clients lay rows out.
public static class HtmlBlocks
{
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase)
        { "script", "style", "head", "title", "template" };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "tr", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd",
        "table", "tbody", "thead", "tfoot", "blockquote", "pre", "section", "article", "header", "footer", "body", "html",
    };

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    // The HTML read per message. Gmail itself clips a body at 102 KB; HTML5 tree building (foster
    // parenting, reconstructing formatting) is superlinear on some hostile nestings, so past this
    // the rest of the body is not looked at for links (its text part and attachments still are).
    public const int MaxHtmlChars = 256 * 1024;

    public static IReadOnlyList<HtmlBlock> Split(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return [];
        using var document = Parser.ParseDocument(html.Length > MaxHtmlChars ? html[..MaxHtmlChars] : html);
        var walker = new Walker();
        var stack = new Stack<(INode Node, bool Leaving)>();
        stack.Push((document.DocumentElement, false));
        while (stack.Count > 0)
        {
            var (node, leaving) = stack.Pop();
            if (node is IText text)
            {
                walker.Text(text.Data);
                continue;
            }
            if (node is not IElement element || Invisible.Contains(element.LocalName))
                continue;
            if (leaving)
            {
                walker.Leave(element);
                continue;
            }
            walker.Enter(element);
            stack.Push((element, true));
            // By index: AngleSharp's PreviousSibling searches the parent's children, quadratic on wide trees.
            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
                stack.Push((children[i], false));
        }
        walker.Flush();
        return walker.Blocks;
    }

    private sealed class Walker
    {
        private readonly StringBuilder _text = new();
        private readonly List<HtmlAnchor> _anchors = [];
        // Open links, innermost last: their href and where their text began.
        private readonly List<(IElement Element, string Href, int Start, StringBuilder Text)> _open = [];

        public List<HtmlBlock> Blocks { get; } = [];

        public void Text(string data)
        {
            _text.Append(data);
            foreach (var open in _open)
                open.Text.Append(data);
        }

        public void Enter(IElement element)
        {
            if (BlockElements.Contains(element.LocalName))
                Flush();
            else
                Text(" "); // an inline tag separates words as the regex version's tag removal did
            if (element.LocalName.Equals("a", StringComparison.OrdinalIgnoreCase) && element.GetAttribute("href") is { } href)
                _open.Add((element, href, _text.Length, new StringBuilder()));
        }

        public void Leave(IElement element)
        {
            var index = _open.FindLastIndex(o => ReferenceEquals(o.Element, element));
            if (index >= 0)
            {
                var open = _open[index];
                _open.RemoveAt(index);
                _anchors.Add(new HtmlAnchor(open.Href, open.Text.ToString().Trim(), Math.Min(open.Start, _text.Length)));
            }
            if (BlockElements.Contains(element.LocalName))
                Flush();
            else
                Text(" ");
        }

        public void Flush()
        {
            var raw = _text.ToString();
            var trimmed = raw.TrimStart();
            var offset = raw.Length - trimmed.Length;
            var text = trimmed.TrimEnd();
            if (text.Length > 0 || _anchors.Count > 0)
                Blocks.Add(new HtmlBlock(text, _anchors.Select(a => a with { Start = Math.Clamp(a.Start - offset, 0, text.Length) }).ToList()));
            _text.Clear();
            _anchors.Clear();
            // A link spanning a block boundary continues in the next block, from its start.
            for (var i = 0; i < _open.Count; i++)
                _open[i] = _open[i] with { Start = 0 };
        }
    }
}
