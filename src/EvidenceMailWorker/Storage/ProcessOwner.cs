using System.Diagnostics;

namespace EvidenceMailWorker.Storage;

// Names this process in the rows it has claimed (messages in processing, outbox rows in delivery),
// so another process on the same machine can tell at once that a holder has died and take its work
// over without waiting for the lease to lapse. A holder on another machine is trusted until then.
public static class ProcessOwner
{
    public static string Current { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static bool IsAlive(string owner)
    {
        if (owner == Current)
            return true;
        var parts = owner.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid))
            return true;
        if (pid == Environment.ProcessId)
            return false; // this pid, another instance id: an earlier life of a reused pid
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
