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
        var items = acceptedForPeriod
            .SelectMany(s => s.Attachments.Select(a => (a.Units, a.Criteria)).Concat(s.Links.Select(l => (l.Units, l.Criteria))))
            .SelectMany(item => item.Units.Count == 0
                ? [new EvidenceItem(null, item.Criteria)]
                : item.Units.Select(unit => new EvidenceItem(unit, item.Criteria)));
        var coverage = Coverage.Compute(campaign, cluster.Id, periodId: "", trackId, items);

        var missingByUnit = coverage.Units.ToDictionary(u => u.UnitId, u => u.Missing.ToHashSet(StringComparer.Ordinal));
        var gaps = new List<CriterionGap>();
        foreach (var criterion in campaign.Criteria.Where(c => trackId is null || c.Track == trackId))
        {
            if (coverage.ClusterMissing.Contains(criterion.Code))
                gaps.Add(new CriterionGap(criterion, ClusterScope: true, []));
            var lacking = cluster.Units.Where(u => missingByUnit.TryGetValue(u, out var missing) && missing.Contains(criterion.Code)).ToList();
            if (lacking.Count > 0)
                gaps.Add(new CriterionGap(criterion, ClusterScope: false, lacking));
        }
        // Weighted as the report weighs them (CONTRACT §5), so the receipt's x/y is the report's coverage.
        var points = campaign.Criteria.Where(c => trackId is null || c.Track == trackId)
            .GroupBy(c => c.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Points, StringComparer.Ordinal);
        double Points(IEnumerable<string> codes) => codes.Sum(code => points.GetValueOrDefault(code));
        var covered = coverage.Units.Sum(u => Points(u.Covered)) + Points(coverage.ClusterCovered);
        var required = covered + coverage.Units.Sum(u => Points(u.Missing)) + Points(coverage.ClusterMissing);
        return new CoverageGap(covered, required, gaps);
    }
}
