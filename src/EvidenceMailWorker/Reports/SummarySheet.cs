using System.Globalization;
using EvidenceMailWorker.Reports.Xlsx;
using static EvidenceMailWorker.Reports.Xlsx.XCell;

namespace EvidenceMailWorker.Reports;

// One track's summary: title, ranking table, proposal with awards and prizes, the rule, the chart.
public static class SummarySheet
{
    public const int HeaderRow = 5;

    public static readonly string[] Headers =
        ["Hạng", "Cụm", "Cụm trưởng", "Điểm", "Bao phủ", "Kịp thời", "Điểm yêu cầu", "Điểm có minh chứng", "Điểm đúng hạn", "Lượt gửi", "Gửi đầu tiên", "Đúng hạn"];

    public static readonly SheetLayout Layout = new([11, 24, 30, 9, 10, 10, 11, 13, 11, 9, 17, 10], FrozenRows: HeaderRow, FrozenColumns: 2);

    public static string Name(TrackReport track) => $"Xếp hạng {track.Track.Id}";

    // Rows before the chart: header block, table, proposal (caption, header, awards, two lines), rule.
    public static int ChartRow(TrackReport track) =>
        HeaderRow + track.Clusters.Count + 1 + 6 + track.Proposal.Awards.Count + 7;

    public static void Write(SheetWriter sheet, Report report, TrackReport track, CampaignNames names)
    {
        sheet.Row(Of($"{report.Organization} — Kết quả tổng hợp minh chứng {report.Title}", XlsxStyles.Title));
        sheet.Row(Of(track.Track.Name, XlsxStyles.Bold));
        sheet.Row(Of($"Lập lúc {ReportText.Local(report.GeneratedAt.UtcDateTime, report.Zone)} (giờ {report.Zone.Id})", XlsxStyles.Note));
        sheet.BlankRow();
        sheet.Row(Headers.Select(h => Of(h, XlsxStyles.Header)).ToList());
        foreach (var c in track.Clusters)
        {
            sheet.Row(
                Of(c.Rank),
                Of(c.Cluster.Name),
                Of(names.Unit(c.Cluster.Leader)),
                Of((double)c.Score, XlsxStyles.Score),
                Of(c.CoverageShare, XlsxStyles.Percent),
                Of(c.TimelinessShare, XlsxStyles.Percent),
                Of(c.RequiredPoints, XlsxStyles.Integer),
                Of(c.CoveredPoints, XlsxStyles.Integer),
                Of(c.OnTimePoints, XlsxStyles.Integer),
                Of(c.Submissions),
                c.FirstAtUtc is { } first ? Of(TimeZoneInfo.ConvertTimeFromUtc(first, report.Zone)) : Of("—"),
                Of(c.OnTime ? "có" : "không"));
        }
        sheet.BlankRow();
        WriteProposal(sheet, track, names);
        sheet.BlankRow();
        foreach (var line in RuleText.Vietnamese(report.Scoring).Split('\n'))
            sheet.Row(Of(line, XlsxStyles.Note));
        sheet.BlankRow();
    }

    private static void WriteProposal(SheetWriter sheet, TrackReport track, CampaignNames names)
    {
        var p = track.Proposal;
        sheet.Row(Of(ProposalRule.Caption, XlsxStyles.Title));
        // The long award title goes last, unbordered, so it runs on over the empty cells to its right.
        sheet.Row(Of("Loại", XlsxStyles.Header), Of("Đề xuất", XlsxStyles.Header), Of("Tiền thưởng (đồng)", XlsxStyles.Header), Of("Danh hiệu", XlsxStyles.Bold));
        foreach (var award in p.Awards)
        {
            var kind = string.Equals(award.Award.Kind, "ClusterLeader", StringComparison.OrdinalIgnoreCase) ? "Cụm trưởng" : "Cụm";
            var winner = award.ClusterId is null ? "chưa xác định"
                : award.UnitId is null ? names.Cluster(award.ClusterId)
                : $"{names.Unit(award.UnitId)} ({names.Cluster(award.ClusterId)})";
            sheet.Row(Of(kind), Of(winner), Of(award.Award.PrizeVnd, XlsxStyles.Integer), Of(award.Award.Title, XlsxStyles.Default));
        }
        sheet.Row(Of(p.LeadingCluster is not null ? $"Cụm dẫn đầu: {names.Cluster(p.LeadingCluster)}"
            : p.Tied.Count > 0 ? $"Đồng hạng nhất, chưa xác định cụm dẫn đầu: {string.Join(", ", p.Tied.Select(names.Cluster))}"
            : "Chưa có cụm dẫn đầu (chưa cụm nào có điểm)", XlsxStyles.Bold));
        sheet.Row(Of(p.OutstandingLeader is not null ? $"Cụm trưởng xuất sắc: {names.Unit(p.OutstandingLeader)}" : "Cụm trưởng xuất sắc: chưa xác định", XlsxStyles.Bold));
        sheet.Row(Of("Đây là đề xuất tính theo quy tắc dưới đây; Ban Thường vụ xem xét và quyết định.", XlsxStyles.Note));
    }

    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
