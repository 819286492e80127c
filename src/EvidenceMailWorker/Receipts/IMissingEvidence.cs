using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Receipts;

// The receipt's view of the coverage rules (CONTRACT §3 "coverage"): which required (unit, criterion)
// pairs and cluster-scope criteria of one cluster have no accepted evidence yet.
public interface IMissingEvidence
{
    CoverageGap Find(CampaignOptions campaign, ClusterOptions cluster, string? trackId, IEnumerable<SubmissionRecord> acceptedForPeriod);
}

// Covered and Required are points (CONTRACT §5: each required item is worth its criterion's Points).
public sealed record CoverageGap(double Covered, double Required, IReadOnlyList<CriterionGap> Criteria);

// UnitIds empty with ClusterScope = the cluster as a whole lacks it.
public sealed record CriterionGap(CriterionOptions Criterion, bool ClusterScope, IReadOnlyList<string> UnitIds);
