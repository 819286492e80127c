using System.Text.Json;
using EvidenceMailWorker.Tests.Imap;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.FolderSource;

// `ingest --once` on the embedded default (Folder source) and `status` afterwards, as an operator runs them.
public sealed class FolderCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ingest_once_takes_the_dropped_files_and_status_reports_them()
    {
        var data = _folder.Combine("data");
        var inbox = Path.Combine(data, "inbox");
        Directory.CreateDirectory(inbox);
        foreach (var (message, i) in TestMail.Numbered(2).Select((m, i) => (m, i)))
            message.WriteTo(Path.Combine(inbox, $"{i}.eml"));

        var ingest = await WorkerProcess.RunAsync(_folder.Path, "ingest", "--once", $"--Storage:DataDirectory={data}");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        Assert.True(File.Exists(Path.Combine(inbox, "processed", "0.eml")));
        Assert.True(File.Exists(Path.Combine(inbox, "processed", "1.eml")));

        var status = await WorkerProcess.RunAsync(_folder.Path, "status", "--json", $"--Storage:DataDirectory={data}");
        Assert.True(status.ExitCode == 0, status.Stderr);
        using var json = JsonDocument.Parse(status.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("messages").GetProperty("accepted").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, json.RootElement.GetProperty("lastIngestAt").ValueKind);
    }
}
