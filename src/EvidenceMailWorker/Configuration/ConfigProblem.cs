namespace EvidenceMailWorker.Configuration;

// Path is the JSON path an admin can find in the file (Campaign.Clusters[2].Leader), not the
// colon-separated configuration key, because admins edit JSON and never see the keys.
public sealed record ConfigProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
