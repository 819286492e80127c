using EvidenceMailWorker.Tests.Imap;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Robustness;

// The data folder on a small tmpfs that fills up mid-way (tests run as root, as CI does): `import`
// and `run` say so in one line and exit 2 / pause, lose nothing, and finish once space is freed.
public sealed class FullDiskTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _mount;

    public FullDiskTests()
    {
        _mount = _folder.Combine("small-disk");
        Directory.CreateDirectory(_mount);
        ExternalCommand.Run("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", _mount]);
    }

    public void Dispose()
    {
        try { ExternalCommand.Run("umount", ["-l", _mount]); }
        catch (Exception) { /* best effort: the folder goes with the temp folder */ }
        _folder.Dispose();
    }

    private void FreeSpace() => ExternalCommand.Run("mount", ["-o", "remount,size=64m", _mount]);

    private string Data => Path.Combine(_mount, "data");

    private string WriteMail(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        foreach (var (message, i) in TestMail.Numbered(count, attachmentBytes: 200_000).Select((m, i) => (m, i)))
            message.WriteTo(Path.Combine(folder, $"{i:D3}.eml"));
        return folder;
    }

    [Fact]
    public async Task Import_on_a_full_disk_exits_2_with_one_line_and_a_rerun_after_freeing_space_completes()
    {
        var mail = WriteMail(_folder.Combine("mail"), 30);

        var full = await WorkerProcess.RunAsync(_folder.Path, "import", mail, $"--Storage:DataDirectory={Data}");

        Assert.True(full.ExitCode == 2, $"exit {full.ExitCode}: {full.Stderr}");
        var line = Assert.Single(full.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("the disk is full", line);

        FreeSpace();
        var rerun = await WorkerProcess.RunAsync(_folder.Path, "import", mail, "--json", $"--Storage:DataDirectory={Data}");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        var database = Path.Combine(Data, "evidence.db");
        Assert.Equal(30, await SqliteProbe.CountAsync(database, "SELECT COUNT(*) FROM messages WHERE status = 'accepted'"));
        Assert.Equal(30, await SqliteProbe.CountAsync(database, "SELECT COUNT(DISTINCT message_id) FROM messages"));
    }

    [Fact]
    public async Task Run_on_a_full_disk_says_so_once_keeps_the_files_and_resumes_when_space_returns()
    {
        using var worker = WorkerProcess.Start(_folder.Path, "run", $"--Storage:DataDirectory={Data}");
        var log = new StderrLines(worker);
        _ = worker.StandardOutput.ReadToEndAsync();
        await log.WaitForAsync("Watching folder");
        // Written elsewhere and moved in, as the inbox is on the small disk.
        var staging = WriteMail(_folder.Combine("staging"), 30);
        var inbox = Path.Combine(Data, "inbox");
        foreach (var file in Directory.GetFiles(staging))
        {
            try { File.Copy(file, Path.Combine(inbox, Path.GetFileName(file))); }
            catch (IOException) { break; } // the disk is full already; the rest comes after freeing space
        }
        await log.WaitForAsync("Disk full");

        FreeSpace();
        foreach (var file in Directory.GetFiles(staging).Where(f => !File.Exists(Path.Combine(inbox, Path.GetFileName(f))) && !File.Exists(Path.Combine(inbox, "processed", Path.GetFileName(f)))))
            File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)));
        await log.WaitForAsync("Ingestion resumed");
        var database = Path.Combine(Data, "evidence.db");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await SqliteProbe.CountAsync(database, "SELECT COUNT(*) FROM messages WHERE status = 'accepted'") < 30 && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal(30, await SqliteProbe.CountAsync(database, "SELECT COUNT(*) FROM messages WHERE status = 'accepted'"));
        Assert.Equal(1, log.Count("Disk full"));
        var failed = Path.Combine(inbox, "failed");
        Assert.False(Directory.Exists(failed) && Directory.EnumerateFiles(failed).Any(), "a file was moved to failed/ for want of disk space");
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
    }
}
