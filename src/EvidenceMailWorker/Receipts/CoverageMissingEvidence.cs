using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Receipts;

// "What the cluster still lacks" from the shared coverage rules, so a receipt and a report never
// disagree. Files and links both count; an item with no unit counts for the cluster as a whole.
public sealed class CoverageMissingEvidence : IMissingEvidence
{
    public CoverageGap Find(CampaignOptions campaign, ClusterOptions cluster, string? trackId, IEnumerable<SubmissionRecord> acceptedForPeriod)
    {
        var items = acceptedForPeriod.SelectMany(EvidenceItems.Of);
        var coverage = Coverage.Compute(campaign, cluster.Id, periodId: "", trackId, items);

        // Criteria objects, not codes: with no track a code may name one criterion in each track.
        var missingByUnit = coverage.Units.ToDictionary(u => u.UnitId, u => u.MissingCriteria.ToHashSet());
        var gaps = new List<CriterionGap>();
        foreach (var criterion in campaign.Criteria.Where(c => trackId is null || c.Track == trackId))
        {
            if (coverage.ClusterMissingCriteria.Contains(criterion))
                gaps.Add(new CriterionGap(criterion, ClusterScope: true, []));
            var lacking = cluster.Units.Where(u => missingByUnit.TryGetValue(u, out var missing) && missing.Contains(criterion)).ToList();
            if (lacking.Count > 0)
                gaps.Add(new CriterionGap(criterion, ClusterScope: false, lacking));
        }
        // Weighted as the report weighs them (CONTRACT §5), so the receipt's x/y is the report's coverage.
        var covered = coverage.CoveredPoints;
        var required = coverage.RequiredPoints;
        return new CoverageGap(covered, required, gaps);
    }
}
