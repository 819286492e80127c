using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Reports;

// What a report covers: one period (`--period`), or the year when PeriodId is null; all tracks or one.
public sealed record ReportScope(string? PeriodId, string? TrackId = null)
{
    public bool IsYear => PeriodId is null;
}

// The report of CONTRACT §3/§5, computed once and rendered as text, JSON, a workbook and a chart,
// so every format says the same thing. Times are UTC here; renderers show them in Zone.
public sealed record Report(
    ReportScope Scope,
    PeriodOptions? Period,
    int Year,
    string Organization,
    DateTimeOffset GeneratedAt,
    TimeZoneInfo Zone,
    ScoringOptions Scoring,
    IReadOnlyList<TrackReport> Tracks,
    IReadOnlyList<EvidenceRow> Evidence)
{
    public string View => Scope.IsYear ? "year" : "period";

    // "6 tháng đầu năm 2024" or "cả năm 2024": what titles and file names call the view.
    public string Title => Period?.Name ?? $"cả năm {Year}";
}

public sealed record TrackReport(TrackOptions Track, IReadOnlyList<CriterionOptions> Criteria, IReadOnlyList<ClusterStanding> Clusters, Proposal Proposal);

public sealed record ClusterStanding(
    ClusterOptions Cluster,
    int Submissions,
    DateTime? FirstAtUtc,
    bool OnTime,
    double RequiredPoints,
    double CoveredPoints,
    double OnTimePoints,
    double CoverageShare,
    double TimelinessShare,
    decimal Score,
    int Rank,
    ClusterCoverage Detail,
    ItemCounts Counts);

// How many evidence items back each covered (unit, criterion) pair and each cluster-scope criterion:
// the workbook shows "✓ 3" rather than a bare tick so the committee sees thin evidence.
public sealed class ItemCounts
{
    private readonly Dictionary<(string? Unit, CriterionOptions Criterion), int> _counts = [];

    public void Add(string? unitId, CriterionOptions criterion) =>
        _counts[(unitId, criterion)] = Of(unitId, criterion) + 1;

    // unitId null = the cluster-scope count (items of any unit or none).
    public int Of(string? unitId, CriterionOptions criterion) =>
        _counts.TryGetValue((unitId, criterion), out var n) ? n : 0;
}

public sealed record Proposal(
    string? LeadingCluster,
    string? OutstandingLeader,
    IReadOnlyList<string> Tied,
    IReadOnlyList<AwardProposal> Awards);

public sealed record AwardProposal(AwardOptions Award, string? ClusterId, string? UnitId);

// One evidence item of the counted submissions, for the workbook's evidence sheet. A link has
// Url and no size or hash.
public sealed record EvidenceRow(
    DateTime ReceivedAtUtc,
    string? Sender,
    string? MessageId,
    string? SubmissionUnitId,
    string? ClusterId,
    string? TrackId,
    string? PeriodId,
    bool Late,
    IReadOnlyList<string> UnitIds,
    IReadOnlyList<CriterionOptions> Criteria,
    string Name,
    string? ArchivePath,
    long? Size,
    string? Sha256,
    bool IsLink);
