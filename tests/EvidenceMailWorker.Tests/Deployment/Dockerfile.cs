using System.Text.Json;

namespace EvidenceMailWorker.Tests.Deployment;

public sealed record DockerInstruction(int Line, string Keyword, string Arguments);

// The instructions of a Dockerfile as docker reads them: comments dropped, lines ending in a
// backslash joined (comment lines inside a continued instruction are skipped, as BuildKit does).
public static class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Parse(string path)
    {
        var result = new List<DockerInstruction>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var start = i + 1;
            var text = line;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1];
                var next = lines[++i].Trim();
                while (next.StartsWith('#') && i + 1 < lines.Length)
                    next = lines[++i].Trim();
                text += " " + next;
            }
            var space = text.IndexOfAny([' ', '\t']);
            result.Add(space < 0
                ? new DockerInstruction(start, text.ToUpperInvariant(), "")
                : new DockerInstruction(start, text[..space].ToUpperInvariant(), text[(space + 1)..].Trim()));
        }
        return result;
    }

    // The exec form (a JSON array) of CMD, ENTRYPOINT or HEALTHCHECK ... CMD; the shell form fails the test.
    public static string[] ExecForm(string text)
    {
        var t = text.Trim();
        Assert.True(t.StartsWith('['), $"not the exec form (JSON array): {t}");
        return JsonSerializer.Deserialize<string[]>(t)!;
    }

    // The lines just above an instruction, for `# hadolint ignore=DLxxxx`.
    public static IReadOnlyList<string> CommentsAbove(string path, int line) =>
        File.ReadAllLines(path).Take(line - 1).Reverse().TakeWhile(l => l.TrimStart().StartsWith('#')).ToList();
}
