using System.Diagnostics;

namespace EvidenceMailWorker.Hosting;

// Each process spools into its own folder under <data>/spool, named by its pid; at start the folders
// of processes that are gone (killed mid-message: up to MaxMessageBytes + MaxArchiveExpandedBytes
// each) are deleted, and so is anything loose an older version left. A live process's folder is
// never touched, so `import` beside a running `run` is safe.
public static class ProcessSpool
{
    private const string Prefix = "p";

    public static string Prepare(string spoolRoot)
    {
        Directory.CreateDirectory(spoolRoot);
        foreach (var entry in Directory.EnumerateFileSystemEntries(spoolRoot))
        {
            if (OwnerPid(Path.GetFileName(entry)) is { } pid && IsAlive(pid))
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
        var own = Path.Combine(spoolRoot, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
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
