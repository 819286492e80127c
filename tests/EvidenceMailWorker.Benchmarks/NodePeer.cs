using System.Diagnostics;
using System.Text.Json;
using EvidenceMailWorker.Tests.Infrastructure;

namespace EvidenceMailWorker.Benchmarks;

// The issue's yardstick for IMAP ingest: node-peer/peer.mjs (imapflow + mailparser, attachments
// to files), run as a child process against the same Dovecot folder. Its dependencies are
// installed by `npm ci` into a copy under /tmp, so the repository never holds node_modules.
public sealed class NodePeer : IDisposable
{
    private readonly string _folder;

    private NodePeer(string folder, string versions)
    {
        _folder = folder;
        Versions = versions;
    }

    public string Versions { get; }

    public sealed record Result(int Messages, long Bytes, int Attachments, long AttachmentBytes, double ScriptSeconds, double WallSeconds, long PeakBytes, ProcessCpu.Cpu Cpu)
    {
        // The script's own span (connect to logout), as the worker's figure is its sweep's span: neither counts runtime start-up.
        public double MBps => Bytes / 1048576.0 / ScriptSeconds;
    }

    // Null (and says why) when node or npm is missing or the install fails: the benchmark goes on without the peer.
    public static NodePeer? TryPrepare()
    {
        if (OnPath("node") is null || OnPath("npm") is null)
        {
            Console.WriteLine("Node peer skipped: node or npm is not on PATH");
            return null;
        }
        var source = RepositoryRoot() is { } root ? Path.Combine(root, "tests", "EvidenceMailWorker.Benchmarks", "node-peer") : null;
        if (source is null || !File.Exists(Path.Combine(source, "peer.mjs")))
        {
            Console.WriteLine($"Node peer skipped: node-peer/peer.mjs not found above {AppContext.BaseDirectory}");
            return null;
        }
        var folder = Path.Combine("/tmp", $"evidencemail-node-peer-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "package.json", "package-lock.json", "peer.mjs" })
            File.Copy(Path.Combine(source, file), Path.Combine(folder, file));
        var (code, output) = Run("npm", folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        if (code != 0)
        {
            Console.WriteLine($"Node peer skipped: npm ci exited {code}: {output.Trim()}");
            Directory.Delete(folder, recursive: true);
            return null;
        }
        var node = Run("node", folder, "--version").Output.Trim();
        return new NodePeer(folder, $"node {node}, imapflow {InstalledVersion(folder, "imapflow")}, mailparser {InstalledVersion(folder, "mailparser")}");
    }

    public async Task<Result> RunAsync(DovecotUser user, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var info = new ProcessStartInfo("node") { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "peer.mjs", "127.0.0.1", user.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), user.Name, user.Password, "INBOX", outDir })
            info.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var (peak, cpu) = await ProcessCpu.WatchUntilExitAsync(process);
        watch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node peer.mjs exited {process.ExitCode}: {await stderr}");
        using var json = JsonDocument.Parse(await stdout);
        var root = json.RootElement;
        var attachmentBytes = Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return new Result(root.GetProperty("messages").GetInt32(), root.GetProperty("bytes").GetInt64(), root.GetProperty("attachments").GetInt32(),
            attachmentBytes, root.GetProperty("seconds").GetDouble(), watch.Elapsed.TotalSeconds, peak, cpu);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static (int Code, string Output) Run(string file, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string InstalledVersion(string folder, string package)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "node_modules", package, "package.json")));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }

    private static string? RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EvidenceMailWorker.sln")))
            dir = dir.Parent;
        return dir?.FullName;
    }
}
