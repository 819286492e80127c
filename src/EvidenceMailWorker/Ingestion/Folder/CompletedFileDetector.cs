namespace EvidenceMailWorker.Ingestion.Folder;

// Decides when a dropped file is completely written: its size and time stamp unchanged since an
// observation at least Settle earlier, and no writer holding it open (an exclusive open succeeds;
// .NET writers hold a lock, other programs are caught by the size check).
public sealed class CompletedFileDetector(TimeProvider clock)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, (long Size, DateTime Written, long SeenAt)> _seen = new(StringComparer.Ordinal);

    public bool IsComplete(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (info.LinkTarget is not null && !File.Exists(info.FullName))
                return true; // a dangling link will never change; let the reader fail on it
            _ = info.Length;
        }
        catch (IOException)
        {
            return false;
        }
        var now = clock.GetTimestamp();
        var current = (info.Length, info.LastWriteTimeUtc);
        if (!_seen.TryGetValue(path, out var before) || before.Size != current.Length || before.Written != current.LastWriteTimeUtc)
        {
            _seen[path] = (current.Length, current.LastWriteTimeUtc, now);
            return false;
        }
        if (clock.GetElapsedTime(before.SeenAt, now) < Settle)
            return false;
        if (!CanOpenExclusively(path))
            return false;
        _seen.Remove(path);
        return true;
    }

    public void Forget(string path) => _seen.Remove(path);

    private static bool CanOpenExclusively(string path)
    {
        try
        {
            using var _ = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (FileNotFoundException)
        {
            return true; // vanished or unreadable: the reader reports it
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
