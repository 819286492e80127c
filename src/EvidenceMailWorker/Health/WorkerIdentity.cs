using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Health;

// How `status` names a worker: its machine and data folder (a second `run` on that folder is refused,
// so the pair is one worker however often it restarts).
public sealed class WorkerIdentity(ResolvedPaths paths)
{
    public string Name { get; } = $"{Environment.MachineName}:{paths.DataDirectory}";
}
