using System.Text.Encodings.Web;
using Fluid;

namespace EvidenceMailWorker.Templates;

// How every Liquid template of the product is parsed and rendered (the office's email templates,
// the demo's index page): one parser, models read in snake_case (`days_left`), HTML output encoded.
public static class Liquid
{
    public static readonly FluidParser Parser = new();

    public static readonly TemplateOptions Options = new()
    {
        MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
    };

    // The default HtmlEncoder escapes every non-ASCII letter; Vietnamese must stay readable in the source.
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    // An HTML page from a template and its model.
    public static string RenderHtml(string template, object model) =>
        Parser.TryParse(template, out var parsed, out var error)
            ? parsed.Render(new TemplateContext(model, Options), Html)
            : throw new InvalidOperationException($"template does not compile: {error}");
}
