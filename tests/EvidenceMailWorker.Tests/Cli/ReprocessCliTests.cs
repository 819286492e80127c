using System.Text.Json;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Cli;

// `reprocess --json` and `submissions --json` links, as a user runs them.
public sealed class ReprocessCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DataArg => $"--Storage:DataDirectory={_folder.Combine("data")}";

    [Fact]
    public async Task Reprocess_counts_messages_and_changes_and_submissions_prints_links()
    {
        var eml = Path.Combine(AppContext.BaseDirectory, "Data", "acceptance", "08-drive-links-text-and-html.eml");
        var import = await WorkerProcess.RunAsync(_folder.Path, "import", eml, "--json", DataArg);
        Assert.True(import.ExitCode == 0, import.Stderr);

        var reprocess = await WorkerProcess.RunAsync(_folder.Path, "reprocess", "--json", DataArg);
        Assert.True(reprocess.ExitCode == 0, reprocess.Stderr);
        Assert.Equal("""{"messages":1,"changed":0}""", reprocess.Stdout.Trim());

        var list = await WorkerProcess.RunAsync(_folder.Path, "submissions", "--json", DataArg);
        using var json = JsonDocument.Parse(list.Stdout);
        var link = json.RootElement[0].GetProperty("links")[0];
        Assert.StartsWith("https://drive.google.com/drive/folders/", link.GetProperty("url").GetString());
        Assert.Equal("1.1", link.GetProperty("criteria")[0].GetString());
        Assert.Equal("xa-hoa-an", link.GetProperty("units")[0].GetString());
        Assert.Equal("doan", json.RootElement[0].GetProperty("track").GetString());
        Assert.Equal("2024-6t", json.RootElement[0].GetProperty("period").GetString());
    }
}
