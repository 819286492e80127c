using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Receipts;

// A file covers (unit, criterion) for each unit and criterion it was matched to; a file with a
// criterion but no unit counts for the cluster, which satisfies only cluster-scope criteria.
public sealed class MinimalMissingEvidence : IMissingEvidence
{
    public CoverageGap Find(CampaignOptions campaign, ClusterOptions cluster, string? trackId, IEnumerable<SubmissionRecord> acceptedForPeriod)
    {
        var unitPairs = new HashSet<(string Unit, string Code)>();
        var clusterCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attachment in acceptedForPeriod.SelectMany(s => s.Attachments))
        {
            foreach (var code in attachment.Criteria)
            {
                clusterCodes.Add(code);
                foreach (var unit in attachment.Units)
                    unitPairs.Add((unit, code.ToUpperInvariant()));
            }
        }

        var gaps = new List<CriterionGap>();
        int covered = 0, required = 0;
        foreach (var criterion in campaign.Criteria.Where(c => trackId is null || c.Track == trackId))
        {
            if (string.Equals(criterion.Scope, "Cluster", StringComparison.OrdinalIgnoreCase))
            {
                required++;
                if (clusterCodes.Contains(criterion.Code))
                    covered++;
                else
                    gaps.Add(new CriterionGap(criterion, ClusterScope: true, []));
                continue;
            }
            var lacking = cluster.Units.Where(u => !unitPairs.Contains((u, criterion.Code.ToUpperInvariant()))).ToList();
            required += cluster.Units.Count;
            covered += cluster.Units.Count - lacking.Count;
            if (lacking.Count > 0)
                gaps.Add(new CriterionGap(criterion, ClusterScope: false, lacking));
        }
        return new CoverageGap(covered, required, gaps);
    }
}
