using System.Diagnostics;
using System.Text;

namespace EvidenceMailWorker.Tests.Infrastructure;

// Runs a server's own tool (initdb, pg_ctl, doveadm, postfix ...) and returns what it printed.
// The working directory is / because the servers' users cannot enter root's current directory.
public static class ExternalCommand
{
    public static string Run(string fileName, IReadOnlyList<string> args, TimeSpan? timeout = null, bool allowFailure = false)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var psi = new ProcessStartInfo(fileName, args)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {limit}.");
        }
        var output = new StringBuilder().Append(stdout.Result).Append(stderr.Result).ToString();
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
