using System.Diagnostics;
using System.Text;

namespace EvidenceMailWorker.Tests.Support;

// Runs the real executable (the build output copied beside the tests) as a user would.
public static class WorkerProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "EvidenceMailWorker.dll");

    public static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        if (!args.Contains("--config-dir"))
        {
            info.ArgumentList.Add("--config-dir");
            info.ArgumentList.Add(RepositoryRoot.Config);
        }
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
