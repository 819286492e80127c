using System.Globalization;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Reports.Xlsx;
using EvidenceMailWorker.Understanding;
using static EvidenceMailWorker.Reports.Xlsx.XCell;

namespace EvidenceMailWorker.Reports;

// One cluster: a row per unit and one for the cluster-scope criteria, a column per criterion of
// the report's tracks. "✓ n" (n items) on green, or an empty red cell where evidence is missing.
public static class ClusterSheet
{
    public const string ClusterRowLabel = "Tiêu chí chung của cụm";

    public static SheetLayout Layout(Report report, ClusterOptions cluster, CampaignNames names)
    {
        var longest = cluster.Units.Select(names.Unit).Append(ClusterRowLabel).Append(cluster.Name).Max(n => n.Length);
        var columns = Columns(report, cluster).Select(c => Math.Max(7.0, names.Code(c.Criterion).Length + 3.0));
        // ~1.15 characters per Vietnamese letter in Calibri 11 once diacritics stack.
        return new SheetLayout([Math.Min(60, longest * 1.15 + 2), .. columns], FrozenRows: 1, FrozenColumns: 1);
    }

    public static void Write(SheetWriter sheet, Report report, ClusterOptions cluster, CampaignNames names)
    {
        var columns = Columns(report, cluster);
        sheet.Row([Of(cluster.Name, XlsxStyles.Header), .. columns.Select(c => Of(names.Code(c.Criterion), XlsxStyles.Header))]);
        foreach (var unitId in cluster.Units)
            sheet.Row([Of(names.Unit(unitId)), .. columns.Select(c => Mark(c, unitId))]);
        sheet.Row([Of(ClusterRowLabel, XlsxStyles.Bold), .. columns.Select(c => Mark(c, null))]);
        sheet.BlankRow();
        sheet.Row(Of("✓ n: có n minh chứng; ô đỏ: còn thiếu; ô xám: không áp dụng.", XlsxStyles.Note));
        sheet.BlankRow();
        // The criterion's name goes last, unbordered, so it runs on over the empty cells to its right.
        sheet.Row(Of("Mã", XlsxStyles.Header), Of("Điểm", XlsxStyles.Header), Of("Phạm vi", XlsxStyles.Header), Of("Lĩnh vực", XlsxStyles.Header), Of("Tiêu chí", XlsxStyles.Bold));
        foreach (var (criterion, _) in columns)
            sheet.Row(Of(names.Code(criterion)), Of(criterion.Points, XlsxStyles.Integer), Of(Coverage.IsClusterScope(criterion) ? "cụm" : "đơn vị"), Of(criterion.Track), Of(criterion.Name, XlsxStyles.Default));

        XCell Mark((CriterionOptions Criterion, ClusterStanding Standing) column, string? unitId)
        {
            var clusterScope = Coverage.IsClusterScope(column.Criterion);
            if (clusterScope != (unitId is null))
                return Empty(XlsxStyles.NotApplicable);
            var n = column.Standing.Counts.Of(unitId, column.Criterion);
            return n > 0 ? Of("✓ " + n.ToString(CultureInfo.InvariantCulture), XlsxStyles.Covered) : Empty(XlsxStyles.Missing);
        }
    }

    private static List<(CriterionOptions Criterion, ClusterStanding Standing)> Columns(Report report, ClusterOptions cluster) =>
        report.Tracks.SelectMany(t =>
        {
            var standing = t.Clusters.First(s => s.Cluster.Id == cluster.Id);
            return t.Criteria.Select(c => (c, standing));
        }).ToList();
}
