using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Reports.Xlsx;

namespace EvidenceMailWorker.Reports;

// The committee's workbook: a summary sheet per track (ranking, proposal, the rule, the chart), a
// units × criteria sheet per cluster, and every evidence item. Vietnamese headers throughout.
public static class ReportWorkbook
{
    public const string EvidenceSheet = "Minh chứng";

    // charts: PNG per track id, embedded in that track's summary sheet (optional).
    public static void Write(Stream output, Report report, CampaignOptions campaign, IReadOnlyDictionary<string, byte[]>? charts = null)
    {
        var names = new CampaignNames(campaign);
        using var workbook = new XlsxWorkbook(output);
        foreach (var track in report.Tracks)
        {
            SheetImage? image = null;
            if (charts is not null && charts.TryGetValue(track.Track.Id, out var png))
                image = new SheetImage(png, ReportChart.Width(track), ReportChart.Height, Column: 0, Row: SummarySheet.ChartRow(track), $"Biểu đồ {track.Track.Id}");
            using var sheet = workbook.Add(SummarySheet.Name(track), SummarySheet.Layout, image);
            SummarySheet.Write(sheet, report, track, names);
        }
        foreach (var cluster in campaign.Clusters)
        {
            using var sheet = workbook.Add(cluster.Name, ClusterSheet.Layout(report, cluster, names));
            ClusterSheet.Write(sheet, report, cluster, names);
        }
        using (var sheet = workbook.Add(EvidenceSheet, EvidenceSheetWriter.Layout))
            EvidenceSheetWriter.Write(sheet, report, names);
    }
}

// Names for ids, looked up once: the evidence sheet asks 100,000 times.
public sealed class CampaignNames(CampaignOptions campaign)
{
    private readonly Dictionary<string, string> _units = campaign.Units.GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.First().Name);
    private readonly Dictionary<string, string> _clusters = campaign.Clusters.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Name);
    private readonly Dictionary<string, string> _periods = campaign.Periods.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().Name);

    private readonly HashSet<string> _sharedCodes = campaign.Criteria.GroupBy(c => c.Code, StringComparer.OrdinalIgnoreCase)
        .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public CampaignOptions Campaign { get; } = campaign;

    public string Unit(string? id) => id is null ? "" : _units.GetValueOrDefault(id, id);

    public string Cluster(string? id) => id is null ? "" : _clusters.GetValueOrDefault(id, id);

    public string Period(string? id) => id is null ? "" : _periods.GetValueOrDefault(id, id);

    // A code alone when it is unique in the campaign, "code (track)" when tracks share it.
    public string Code(CriterionOptions criterion) =>
        _sharedCodes.Contains(criterion.Code) ? $"{criterion.Code} ({criterion.Track})" : criterion.Code;
}
