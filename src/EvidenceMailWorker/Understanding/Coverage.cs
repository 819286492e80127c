using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Understanding;

// One accepted evidence item (a file or a link) of the cluster in the period: the unit it counts for
// (null = the cluster as a whole) and its criterion codes.
public sealed record EvidenceItem(string? UnitId, IReadOnlyList<string> Criteria);

public sealed record UnitCoverage(string UnitId, IReadOnlyList<string> Covered, IReadOnlyList<string> Missing);

// What a cluster holds and lacks for a period. Share is CONTRACT §3's `coverage`: the points-weighted
// share of required (unit, criterion) pairs and cluster-scope criteria with at least one item.
public sealed record ClusterCoverage(
    string ClusterId,
    string PeriodId,
    string? TrackId,
    IReadOnlyList<UnitCoverage> Units,
    IReadOnlyList<string> ClusterCovered,
    IReadOnlyList<string> ClusterMissing,
    double CoveredPoints,
    double RequiredPoints)
{
    public double Share => RequiredPoints <= 0 ? 0 : CoveredPoints / RequiredPoints;
}

// Shared by receipts ("what the cluster still lacks") and reports, so both say the same thing.
// The caller chooses the items (accepted, this cluster, this period); the period is carried through.
public static class Coverage
{
    public static ClusterCoverage Compute(CampaignOptions campaign, string clusterId, string periodId, string? trackId, IEnumerable<EvidenceItem> items)
    {
        var cluster = campaign.Clusters.FirstOrDefault(c => c.Id == clusterId)
            ?? throw new ArgumentException($"no cluster '{clusterId}' in the campaign", nameof(clusterId));
        var criteria = campaign.Criteria.Where(c => trackId is null || c.Track == trackId).ToList();
        var unitCriteria = criteria.Where(c => !IsClusterScope(c)).ToList();
        var clusterCriteria = criteria.Where(IsClusterScope).ToList();

        var evidence = items.ToList();
        var coveredPairs = evidence
            .Where(i => i.UnitId is not null)
            .SelectMany(i => i.Criteria.Select(code => (Unit: i.UnitId!, Code: code)))
            .ToHashSet();
        var anyCodes = evidence.SelectMany(i => i.Criteria).ToHashSet(StringComparer.Ordinal);

        double covered = 0, required = 0;
        var units = new List<UnitCoverage>();
        foreach (var unitId in cluster.Units)
        {
            var has = unitCriteria.Where(c => coveredPairs.Contains((unitId, c.Code))).ToList();
            units.Add(new UnitCoverage(unitId, Codes(has), Codes(unitCriteria.Except(has))));
            covered += has.Sum(c => c.Points);
            required += unitCriteria.Sum(c => c.Points);
        }
        // A cluster-scope criterion is met by an item of any unit of the cluster, or of none.
        var clusterHas = clusterCriteria.Where(c => anyCodes.Contains(c.Code)).ToList();
        covered += clusterHas.Sum(c => c.Points);
        required += clusterCriteria.Sum(c => c.Points);
        return new ClusterCoverage(clusterId, periodId, trackId, units, Codes(clusterHas), Codes(clusterCriteria.Except(clusterHas)), covered, required);
    }

    private static bool IsClusterScope(CriterionOptions criterion) =>
        string.Equals(criterion.Scope, "Cluster", StringComparison.OrdinalIgnoreCase);

    private static List<string> Codes(IEnumerable<CriterionOptions> criteria) => criteria.Select(c => c.Code).ToList();
}
