using System.Diagnostics;

namespace EvidenceMailWorker.Hosting;

// Each process spools into its own folder under <data>/spool, named by its pid and machine; at start
// the folders of this machine's processes that are gone (killed mid-message: up to MaxMessageBytes +
// MaxArchiveExpandedBytes each) are deleted, and so is anything loose an older version left. A live
// process's folder is never touched, so `import` beside a running `run` is safe; another machine's
// (a second container on a shared volume, whose pids mean nothing here) is left alone too.
public static class ProcessSpool
{
    private const string Prefix = "p";

    public static string Prepare(string spoolRoot)
    {
        Directory.CreateDirectory(spoolRoot);
        foreach (var entry in Directory.EnumerateFileSystemEntries(spoolRoot))
        {
            if (OwnerPid(Path.GetFileName(entry)) is { } pid && (IsAlive(pid) || !IsThisMachine(Path.GetFileName(entry))))
                continue;
            try
            {
                if (Directory.Exists(entry))
                    Directory.Delete(entry, recursive: true);
                else
                    File.Delete(entry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still in use by something; the next start tries again.
            }
        }
        var own = Path.Combine(spoolRoot, $"{Prefix}{Environment.ProcessId}-{Machine}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(own);
        return own;
    }

    public static void Remove(string ownFolder)
    {
        try
        {
            Directory.Delete(ownFolder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    // File-name safe, and without '-' so the name splits unambiguously.
    private static string Machine { get; } = new(Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static bool IsThisMachine(string name)
    {
        var parts = name.Split('-');
        return parts.Length == 3 && parts[1] == Machine;
    }

    private static int? OwnerPid(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var dash = name.IndexOf('-');
        return dash > 1 && int.TryParse(name.AsSpan(1, dash - 1), out var pid) ? pid : null;
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
