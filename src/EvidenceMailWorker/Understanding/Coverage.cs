using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Understanding;

// One accepted evidence item (a file or a link) of the cluster in the period: the unit it counts for
// (null = the cluster as a whole), its criterion codes as stored, and the track of the submission
// that carried it (which decides what a code shared by two tracks names, CONTRACT §5).
public sealed record EvidenceItem(string? UnitId, IReadOnlyList<string> Criteria, string? SubmissionTrack = null);

public sealed record UnitCoverage(string UnitId, IReadOnlyList<CriterionOptions> CoveredCriteria, IReadOnlyList<CriterionOptions> MissingCriteria)
{
    public IReadOnlyList<string> Covered => CoveredCriteria.Select(c => c.Code).ToList();
    public IReadOnlyList<string> Missing => MissingCriteria.Select(c => c.Code).ToList();
}

// What a cluster holds and lacks for a period. Share is CONTRACT §3's `coverage`: the points-weighted
// share of required (unit, criterion) pairs and cluster-scope criteria with at least one item.
public sealed record ClusterCoverage(
    string ClusterId,
    string PeriodId,
    string? TrackId,
    IReadOnlyList<UnitCoverage> Units,
    IReadOnlyList<CriterionOptions> ClusterCoveredCriteria,
    IReadOnlyList<CriterionOptions> ClusterMissingCriteria,
    double CoveredPoints,
    double RequiredPoints)
{
    public double Share => RequiredPoints <= 0 ? 0 : CoveredPoints / RequiredPoints;
    public IReadOnlyList<string> ClusterCovered => ClusterCoveredCriteria.Select(c => c.Code).ToList();
    public IReadOnlyList<string> ClusterMissing => ClusterMissingCriteria.Select(c => c.Code).ToList();
}

// Shared by receipts ("what the cluster still lacks") and reports, so both say the same thing.
// The caller chooses the items (accepted, this cluster, this period); the period is carried through.
// Criteria are compared as objects, not codes, because a code may repeat across tracks.
public static class Coverage
{
    public static ClusterCoverage Compute(CampaignOptions campaign, string clusterId, string periodId, string? trackId, IEnumerable<EvidenceItem> items) =>
        Compute(campaign, new CriterionResolver(campaign), clusterId, periodId, trackId, items);

    public static ClusterCoverage Compute(CampaignOptions campaign, CriterionResolver resolver, string clusterId, string periodId, string? trackId, IEnumerable<EvidenceItem> items)
    {
        var cluster = campaign.Clusters.FirstOrDefault(c => c.Id == clusterId)
            ?? throw new ArgumentException($"no cluster '{clusterId}' in the campaign", nameof(clusterId));
        var criteria = campaign.Criteria.Where(c => trackId is null || c.Track == trackId).ToList();
        var unitCriteria = criteria.Where(c => !IsClusterScope(c)).ToList();
        var clusterCriteria = criteria.Where(IsClusterScope).ToList();

        var coveredPairs = new HashSet<(string Unit, CriterionOptions Criterion)>();
        var anyCriteria = new HashSet<CriterionOptions>();
        foreach (var item in items)
        {
            foreach (var criterion in resolver.Resolve(item.Criteria, item.SubmissionTrack))
            {
                anyCriteria.Add(criterion);
                if (item.UnitId is not null)
                    coveredPairs.Add((item.UnitId, criterion));
            }
        }

        double covered = 0, required = 0;
        var units = new List<UnitCoverage>();
        foreach (var unitId in cluster.Units)
        {
            var has = unitCriteria.Where(c => coveredPairs.Contains((unitId, c))).ToList();
            units.Add(new UnitCoverage(unitId, has, unitCriteria.Except(has).ToList()));
            covered += has.Sum(c => c.Points);
            required += unitCriteria.Sum(c => c.Points);
        }
        // A cluster-scope criterion is met by an item of any unit of the cluster, or of none.
        var clusterHas = clusterCriteria.Where(anyCriteria.Contains).ToList();
        covered += clusterHas.Sum(c => c.Points);
        required += clusterCriteria.Sum(c => c.Points);
        return new ClusterCoverage(clusterId, periodId, trackId, units, clusterHas, clusterCriteria.Except(clusterHas).ToList(), covered, required);
    }

    public static bool IsClusterScope(CriterionOptions criterion) =>
        string.Equals(criterion.Scope, "Cluster", StringComparison.OrdinalIgnoreCase);
}
