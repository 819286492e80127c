namespace EvidenceMailWorker.Hosting;

// One `run` per data folder: two would share the embedded database's writer, the spool and the
// rolling log file (and tear it). The lock is an open file with FileShare.None, which .NET turns
// into an advisory flock on Linux and a share lock on Windows; the OS drops it when the process
// dies, however it dies, so a crash never leaves a stale lock behind.
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "run.lock";
    // Who holds it, beside the lock: the locked file itself cannot be opened by anyone else to read.
    public const string OwnerFileName = "run.owner";
    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    // Null when another process holds it; holder then names that process as best it can.
    public static DataFolderLock? TryAcquire(string dataDirectory, out string holder)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(Path.Combine(dataDirectory, OwnerFileName), $"pid {Environment.ProcessId} on {Environment.MachineName}, started {DateTimeOffset.UtcNow:O}");
            holder = "";
            return new DataFolderLock(file);
        }
        catch (IOException)
        {
            holder = ReadHolder(Path.Combine(dataDirectory, OwnerFileName));
            return null;
        }
    }

    private static string ReadHolder(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return "another process";
        }
    }

    public void Dispose() => _file.Dispose();
}
