using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Reports;

// CONTRACT §5 shares and score. Decimal, not double, so that a score that lands on .x5 on paper is
// rounded the way the committee would round it by hand (a double 0.8 × 0.5625 is not exactly 0.45).
public static class Scoring
{
    public static decimal Share(double part, double whole) =>
        whole <= 0 ? 0m : (decimal)part / (decimal)whole;

    public static decimal Score(ScoringOptions weights, decimal coverage, decimal timeliness) =>
        Math.Round(100m * ((decimal)weights.CoverageWeight * coverage + (decimal)weights.TimelinessWeight * timeliness), 1, MidpointRounding.AwayFromZero);
}
