using System.IO.Compression;
using System.Text.Json;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Cli;

// `report` and `export` as a user runs them: the real executable over the acceptance mail.
public sealed class ReportCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DataArg => $"--Storage:DataDirectory={_folder.Combine("data")}";

    private static string AcceptanceMail => Path.Combine(AppContext.BaseDirectory, "Data", "acceptance");

    [Fact]
    public async Task Report_and_export_over_imported_mail()
    {
        var import = await WorkerProcess.RunAsync(_folder.Path, "import", AcceptanceMail, "--json", DataArg);
        Assert.True(import.ExitCode == 0, import.Stderr);

        var json = await WorkerProcess.RunAsync(_folder.Path, "report", "--period", "2024-6t", "--format", "json", DataArg);
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Equal("", json.Stderr); // no progress text with JSON (and stderr is not a terminal here)
        using (var doc = JsonDocument.Parse(json.Stdout))
        {
            var root = doc.RootElement;
            Assert.Equal("period", root.GetProperty("view").GetString());
            Assert.Equal("2024-6t", root.GetProperty("period").GetString());
            var tracks = root.GetProperty("tracks").EnumerateArray().ToList();
            Assert.Equal(["doan", "hoi"], tracks.Select(t => t.GetProperty("track").GetString()));
            var clusters = tracks[0].GetProperty("clusters").EnumerateArray().ToList();
            Assert.Equal(4, clusters.Count);
            Assert.Equal(1, clusters[0].GetProperty("rank").GetInt32());
            Assert.True(clusters[0].GetProperty("score").GetDouble() > 0);
            Assert.EndsWith("+07:00", clusters[0].GetProperty("firstAt").GetString());
            Assert.Equal(6, clusters.Single(c => c.GetProperty("id").GetString() == "cum-2").GetProperty("units").GetArrayLength());
        }

        var text = await WorkerProcess.RunAsync(_folder.Path, "report", "--period", "2024-6t", "--track", "doan", DataArg);
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("Hạng", text.Stdout);
        Assert.Contains("Đề xuất — Ban Thường vụ quyết định", text.Stdout);
        Assert.Contains("Còn thiếu:", text.Stdout);

        var xlsx = _folder.Combine("out", "báo cáo.xlsx");
        var workbook = await WorkerProcess.RunAsync(_folder.Path, "report", "--year", "--format", "xlsx", "--out", xlsx, DataArg);
        Assert.True(workbook.ExitCode == 0, workbook.Stderr);
        Assert.True(File.Exists(xlsx));
        Assert.True(File.Exists(_folder.Combine("out", "báo cáo-doan.png")));
        Assert.True(File.Exists(_folder.Combine("out", "báo cáo-hoi.png")));

        var zip = _folder.Combine("out", "gói.zip");
        var export = await WorkerProcess.RunAsync(_folder.Path, "export", "--out", zip, "--json", DataArg);
        Assert.True(export.ExitCode == 0, export.Stderr);
        using (var summary = JsonDocument.Parse(export.Stdout))
            Assert.True(summary.RootElement.GetProperty("files").GetInt32() > 0);
        await using (var archive = await ZipFile.OpenReadAsync(zip))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "index.xlsx");
            Assert.Contains(archive.Entries, e => e.FullName.StartsWith("doan - Công tác Đoàn", StringComparison.Ordinal));
        }

        var again = await WorkerProcess.RunAsync(_folder.Path, "export", "--out", zip, DataArg);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("--force", again.Stderr);
        var forced = await WorkerProcess.RunAsync(_folder.Path, "export", "--out", zip, "--force", DataArg);
        Assert.True(forced.ExitCode == 0, forced.Stderr);
    }

    [Fact]
    public async Task Bad_scope_is_a_usage_error()
    {
        var neither = await WorkerProcess.RunAsync(_folder.Path, "report", DataArg);
        Assert.Equal(1, neither.ExitCode);
        var unknown = await WorkerProcess.RunAsync(_folder.Path, "report", "--period", "2099", DataArg);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("2024-6t", unknown.Stderr);
    }
}
