using EvidenceMailWorker.Tests.Imap;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Robustness;

// One worker per data folder, and nothing left behind by a killed one.
public sealed class DataFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data => _folder.Combine("data");

    [Fact]
    public async Task A_second_run_on_one_data_folder_refuses_with_one_line_and_exit_2()
    {
        using var first = WorkerProcess.Start(_folder.Path, "run", $"--Storage:DataDirectory={Data}");
        var firstErr = new StderrLines(first);
        _ = first.StandardOutput.ReadToEndAsync();
        await firstErr.WaitForAsync("Watching folder");

        var second = await WorkerProcess.RunAsync(_folder.Path, "run", $"--Storage:DataDirectory={Data}");

        Assert.Equal(2, second.ExitCode);
        var line = Assert.Single(second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("another worker is already running on the data folder", line);
        Assert.Contains($"pid {first.Id}", line);

        // The lock dies with its holder, however it dies.
        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync();
        using var third = WorkerProcess.Start(_folder.Path, "run", $"--Storage:DataDirectory={Data}");
        var thirdErr = new StderrLines(third);
        _ = third.StandardOutput.ReadToEndAsync();
        await thirdErr.WaitForAsync("Watching folder");
        third.Kill(entireProcessTree: true);
        await third.WaitForExitAsync();
    }

    [Fact]
    public async Task A_start_deletes_what_dead_processes_left_in_the_spool()
    {
        var spool = Path.Combine(Data, "spool");
        var dead = Path.Combine(spool, $"p999999-{new string(Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray())}-0123456789abcdef");
        var otherMachine = Path.Combine(spool, "p999998-elsewhere-0123456789abcdef");
        Directory.CreateDirectory(otherMachine);
        Directory.CreateDirectory(Path.Combine(dead, "abc"));
        await File.WriteAllBytesAsync(Path.Combine(dead, "abc", "000001"), new byte[100_000]);
        await File.WriteAllBytesAsync(Path.Combine(spool, "imap-left-by-an-older-version.eml"), new byte[10]);
        var inbox = _folder.Combine("mail");
        Directory.CreateDirectory(inbox);
        TestMail.Numbered(1)[0].WriteTo(Path.Combine(inbox, "1.eml"));

        var import = await WorkerProcess.RunAsync(_folder.Path, "import", inbox, $"--Storage:DataDirectory={Data}");

        Assert.True(import.ExitCode == 0, import.Stderr);
        // Only another machine's folder is left: its pids cannot be checked from here.
        Assert.Equal([otherMachine], Directory.EnumerateFileSystemEntries(spool));
    }
}
