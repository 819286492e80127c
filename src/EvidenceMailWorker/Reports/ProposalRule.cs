using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Reports;

// CONTRACT §5 "Proposal". Only a proposal: the standing committee decides, and every output says so.
public static class ProposalRule
{
    public const string Caption = "Đề xuất — Ban Thường vụ quyết định";

    public static Proposal For(TrackOptions track, IReadOnlyList<ClusterStanding> ranked, IEnumerable<AwardOptions> awards)
    {
        string? leading = null;
        IReadOnlyList<string> tied = [];
        var first = ranked.Where(c => c.Rank == 1).ToList();
        if (first.Count > 0 && first[0].Score > 0)
        {
            if (first.Count == 1)
                leading = first[0].Cluster.Id;
            else
                tied = first.Select(c => c.Cluster.Id).ToList();
        }

        var leaderCluster = OutstandingLeaderCluster(ranked);
        var outstanding = leaderCluster?.Cluster.Leader;
        var awarded = awards.Where(a => a.Track == track.Id).Select(a =>
            string.Equals(a.Kind, "ClusterLeader", StringComparison.OrdinalIgnoreCase)
                ? new AwardProposal(a, leaderCluster?.Cluster.Id, outstanding)
                : new AwardProposal(a, leading, null)).ToList();
        return new Proposal(leading, outstanding, tied, awarded);
    }

    // Compiling everything on time is the leader's job: highest timeliness, then coverage, then
    // first arrival; nobody when still tied or when no cluster has any timeliness.
    private static ClusterStanding? OutstandingLeaderCluster(IReadOnlyList<ClusterStanding> clusters)
    {
        var candidates = clusters.Where(c => c.TimelinessShare > 0)
            .Select(c => (Cluster: c, Key: (Timeliness: Scoring.Share(c.OnTimePoints, c.RequiredPoints), Coverage: Scoring.Share(c.CoveredPoints, c.RequiredPoints), c.FirstAtUtc)))
            .OrderByDescending(c => c.Key.Timeliness)
            .ThenByDescending(c => c.Key.Coverage)
            .ThenBy(c => c.Key.FirstAtUtc, Comparer<DateTime?>.Create(Ranking.CompareFirst))
            .ToList();
        if (candidates.Count == 0)
            return null;
        if (candidates.Count > 1 && candidates[0].Key == candidates[1].Key)
            return null;
        return candidates[0].Cluster;
    }
}
