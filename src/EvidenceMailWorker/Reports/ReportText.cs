using System.Globalization;
using System.Text;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Reports;

// `report --format text` and the body of the period summary email: a table per track, the
// proposal, then what each cluster still lacks.
public static class ReportText
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static void Write(TextWriter output, Report report, CampaignOptions campaign)
    {
        output.WriteLine($"{report.Organization} — báo cáo minh chứng {report.Title}");
        output.WriteLine($"Lập lúc {Local(report.GeneratedAt.UtcDateTime, report.Zone)}");
        foreach (var track in report.Tracks)
        {
            output.WriteLine();
            output.WriteLine($"== {track.Track.Name} ({track.Track.Id}) ==");
            WriteTable(output, report, track);
            output.WriteLine();
            WriteProposal(output, track, campaign);
            output.WriteLine();
            WriteMissing(output, track, campaign);
        }
        output.WriteLine();
        output.WriteLine(RuleText.Vietnamese(report.Scoring));
    }

    private static void WriteTable(TextWriter output, Report report, TrackReport track)
    {
        string[] header = ["Hạng", "Cụm", "Điểm", "Bao phủ", "Kịp thời", "Lượt gửi", "Gửi đầu tiên", "Đúng hạn"];
        var rows = track.Clusters.Select(c => new[]
        {
            c.Rank.ToString(CultureInfo.InvariantCulture),
            c.Cluster.Name,
            c.Score.ToString("0.0", Vi),
            Percent(c.CoverageShare),
            Percent(c.TimelinessShare),
            c.Submissions.ToString(CultureInfo.InvariantCulture),
            c.FirstAtUtc is { } first ? Local(first, report.Zone) : "—",
            c.OnTime ? "có" : "không",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(Width(h), rows.Count == 0 ? 0 : rows.Max(r => Width(r[i])))).ToArray();
        bool[] right = [true, false, true, true, true, true, false, false];
        output.WriteLine(Line(header, widths, right));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            output.WriteLine(Line(row, widths, right));
    }

    private static void WriteProposal(TextWriter output, TrackReport track, CampaignOptions campaign)
    {
        output.WriteLine(ProposalRule.Caption);
        var p = track.Proposal;
        output.WriteLine(p.LeadingCluster is { } lead
            ? $"  Cụm dẫn đầu: {ClusterName(campaign, lead)}"
            : p.Tied.Count > 0
                ? $"  Cụm dẫn đầu: chưa xác định, đồng hạng nhất: {string.Join(", ", p.Tied.Select(id => ClusterName(campaign, id)))}"
                : "  Cụm dẫn đầu: chưa có (chưa cụm nào có điểm)");
        output.WriteLine(p.OutstandingLeader is { } leader
            ? $"  Cụm trưởng xuất sắc: {UnitName(campaign, leader)}"
            : "  Cụm trưởng xuất sắc: chưa xác định");
        foreach (var award in p.Awards)
        {
            var winner = award.ClusterId is null ? "chưa xác định"
                : award.UnitId is null ? ClusterName(campaign, award.ClusterId)
                : $"{UnitName(campaign, award.UnitId)} ({ClusterName(campaign, award.ClusterId)})";
            output.WriteLine($"  • {award.Award.Title} — {award.Award.PrizeVnd.ToString("#,##0", Vi)} đồng: {winner}");
        }
    }

    private static void WriteMissing(TextWriter output, TrackReport track, CampaignOptions campaign)
    {
        output.WriteLine("Còn thiếu:");
        foreach (var c in track.Clusters.OrderBy(c => c.Cluster.Id, StringComparer.Ordinal))
        {
            var lines = c.Detail.Units.Where(u => u.Missing.Count > 0)
                .Select(u => $"    {UnitName(campaign, u.UnitId)}: {string.Join(", ", u.Missing)}").ToList();
            if (c.Detail.ClusterMissing.Count > 0)
                lines.Add($"    Tiêu chí chung của cụm: {string.Join(", ", c.Detail.ClusterMissing)}");
            output.WriteLine(lines.Count == 0 ? $"  {c.Cluster.Name}: đủ" : $"  {c.Cluster.Name}:");
            foreach (var line in lines)
                output.WriteLine(line);
        }
    }

    public static string Percent(double share) => share.ToString("0.0%", Vi);

    public static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string ClusterName(CampaignOptions campaign, string id) => campaign.Clusters.FirstOrDefault(c => c.Id == id)?.Name ?? id;

    private static string UnitName(CampaignOptions campaign, string id) => campaign.Units.FirstOrDefault(u => u.Id == id)?.Name ?? id;

    // Text elements, not chars: a name that arrived decomposed still lines up.
    private static int Width(string s) => new StringInfo(s.Normalize(NormalizationForm.FormC)).LengthInTextElements;

    private static string Line(string[] cells, int[] widths, bool[] right) =>
        string.Join("  ", cells.Select((c, i) =>
        {
            var pad = new string(' ', widths[i] - Width(c));
            return right[i] ? pad + c : c + pad;
        })).TrimEnd();
}
