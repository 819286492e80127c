using System.Text.Encodings.Web;
using Fluid;

namespace EvidenceMailWorker.Templates;

public sealed record RenderedEmail(string Subject, string Html, string Text);

public sealed record TemplateProblem(string File, string Message);

// The wording of every email the worker writes lives in config/templates (Liquid, rendered with
// Fluid), so the office changes it without a rebuild. Each purpose has three files:
// <purpose>.subject.liquid, <purpose>.html.liquid (HTML-encoded output) and <purpose>.txt.liquid.
// Models are plain records; their members are read in snake_case (`days_left`).
public sealed class EmailTemplates
{
    public static readonly IReadOnlyList<string> Purposes = ["receipt", "notice", "alarm", "reminder", "overdue", "digest", "summary"];
    private static readonly string[] Parts = ["subject", "html", "txt"];

    private readonly Dictionary<string, IFluidTemplate> _templates;

    private EmailTemplates(Dictionary<string, IFluidTemplate> templates) => _templates = templates;

    public static string FileName(string purpose, string part) => $"{purpose}.{part}.liquid";

    // Every missing or broken template, with the parser's line and column.
    public static IReadOnlyList<TemplateProblem> Check(string folder)
    {
        TryLoad(folder, out var problems);
        return problems;
    }

    public static EmailTemplates Load(string folder) =>
        TryLoad(folder, out var problems) is { } templates
            ? templates
            : throw new InvalidOperationException(string.Join("; ", problems.Select(p => $"{p.File}: {p.Message}")));

    private static EmailTemplates? TryLoad(string folder, out List<TemplateProblem> problems)
    {
        problems = [];
        var templates = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var purpose in Purposes)
        {
            foreach (var part in Parts)
            {
                var name = FileName(purpose, part);
                var path = Path.Combine(folder, name);
                if (!File.Exists(path))
                {
                    problems.Add(new TemplateProblem(path, "is missing; copy it from the config/templates folder of the release"));
                    continue;
                }
                if (Liquid.Parser.TryParse(File.ReadAllText(path), out var template, out var error))
                    templates[name] = template;
                else
                    problems.Add(new TemplateProblem(path, $"does not compile: {error}"));
            }
        }
        return problems.Count == 0 ? new EmailTemplates(templates) : null;
    }

    public RenderedEmail Render(string purpose, object model)
    {
        string Part(string part, TextEncoder encoder) =>
            _templates[FileName(purpose, part)].Render(new TemplateContext(model, Liquid.Options), encoder);
        var subject = string.Join(' ', Part("subject", NullEncoder.Default).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new RenderedEmail(subject, Part("html", Liquid.Html), Part("txt", NullEncoder.Default).Trim() + "\n");
    }
}
