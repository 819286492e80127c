using EvidenceMailWorker.Core;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvidenceMailWorker.Cli;

namespace EvidenceMailWorker.Reports;

// `report --format json`: CONTRACT §3 field for field. Records rather than a hand-written writer so
// the shape is visible in one place; names are NFC as the contract promises.
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JsonOutput.WriterOptions.Encoder,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(Stream output, Report report)
    {
        JsonSerializer.Serialize(output, Shape(report), Options);
        output.Write("\n"u8);
    }

    public static JsonReport Shape(Report report) => new(
        report.View,
        report.Scope.PeriodId,
        report.Year,
        Time(report.GeneratedAt.UtcDateTime, report.Zone)!,
        report.Tracks.Select(t => new JsonTrack(
            t.Track.Id,
            Nfc(t.Track.Name),
            t.Clusters.Select(c => new JsonCluster(
                c.Cluster.Id, Nfc(c.Cluster.Name), c.Cluster.Leader, c.Submissions,
                c.FirstAtUtc is { } first ? Time(first, report.Zone) : null,
                c.OnTime, c.RequiredPoints, c.CoveredPoints, c.OnTimePoints,
                c.CoverageShare, c.TimelinessShare, c.Score, c.Rank,
                c.Detail.Units.Select(u => new JsonUnit(u.UnitId, u.Covered, u.Missing)).ToList(),
                new JsonCodes(c.Detail.ClusterCovered, c.Detail.ClusterMissing))).ToList(),
            new JsonProposal(t.Proposal.LeadingCluster, t.Proposal.OutstandingLeader, t.Proposal.Tied,
                t.Proposal.Awards.Select(a => new JsonAward(a.Award.Kind, Nfc(a.Award.Title), a.Award.PrizeVnd, a.ClusterId, a.UnitId)).ToList())))
            .ToList());

    private static string? Time(DateTime utc, TimeZoneInfo zone) => JsonOutput.Time(utc, zone);

    private static string Nfc(string s) => s.Normalize(NormalizationForm.FormC);

    public sealed record JsonReport(
        [property: JsonPropertyName("view")] string View,
        [property: JsonPropertyName("period")] string? Period,
        [property: JsonPropertyName("year")] int Year,
        [property: JsonPropertyName("generatedAt")] string GeneratedAt,
        [property: JsonPropertyName("tracks")] IReadOnlyList<JsonTrack> Tracks);

    public sealed record JsonTrack(
        [property: JsonPropertyName("track")] string Track,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("clusters")] IReadOnlyList<JsonCluster> Clusters,
        [property: JsonPropertyName("proposal")] JsonProposal Proposal);

    public sealed record JsonCluster(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("leader")] string Leader,
        [property: JsonPropertyName("submissions")] int Submissions,
        [property: JsonPropertyName("firstAt")] string? FirstAt,
        [property: JsonPropertyName("onTime")] bool OnTime,
        [property: JsonPropertyName("requiredPoints")] double RequiredPoints,
        [property: JsonPropertyName("coveredPoints")] double CoveredPoints,
        [property: JsonPropertyName("onTimePoints")] double OnTimePoints,
        [property: JsonPropertyName("coverage")] double Coverage,
        [property: JsonPropertyName("timeliness")] double Timeliness,
        [property: JsonPropertyName("score")] decimal Score,
        [property: JsonPropertyName("rank")] int Rank,
        [property: JsonPropertyName("units")] IReadOnlyList<JsonUnit> Units,
        [property: JsonPropertyName("clusterCriteria")] JsonCodes ClusterCriteria);

    public sealed record JsonUnit(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("covered")] IReadOnlyList<string> Covered,
        [property: JsonPropertyName("missing")] IReadOnlyList<string> Missing);

    public sealed record JsonCodes(
        [property: JsonPropertyName("covered")] IReadOnlyList<string> Covered,
        [property: JsonPropertyName("missing")] IReadOnlyList<string> Missing);

    public sealed record JsonProposal(
        [property: JsonPropertyName("leadingCluster")] string? LeadingCluster,
        [property: JsonPropertyName("outstandingLeader")] string? OutstandingLeader,
        [property: JsonPropertyName("tied")] IReadOnlyList<string> Tied,
        [property: JsonPropertyName("awards")] IReadOnlyList<JsonAward> Awards);

    public sealed record JsonAward(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("prizeVnd")] long PrizeVnd,
        [property: JsonPropertyName("cluster")] string? Cluster,
        [property: JsonPropertyName("unit")] string? Unit);
}
