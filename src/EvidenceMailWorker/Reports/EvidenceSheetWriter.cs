using EvidenceMailWorker.Reports.Xlsx;
using static EvidenceMailWorker.Reports.Xlsx.XCell;

namespace EvidenceMailWorker.Reports;

// Every evidence item the report counted, one row each: received at is a real date, size a number.
public static class EvidenceSheetWriter
{
    public static readonly string[] Headers =
        ["Nhận lúc", "Người gửi", "Đơn vị gửi", "Cụm", "Đơn vị của minh chứng", "Kỳ", "Lĩnh vực", "Tiêu chí", "Tên tệp / liên kết", "Trong tệp nén", "Dung lượng (byte)", "SHA-256", "Message-ID", "Trễ hạn"];

    public static readonly SheetLayout Layout = new([17, 30, 26, 12, 30, 20, 9, 14, 50, 30, 14, 66, 40, 9], FrozenRows: 1, FrozenColumns: 0);

    public static void Write(SheetWriter sheet, Report report, CampaignNames names)
    {
        sheet.Row(Headers.Select(h => Of(h, XlsxStyles.Header)).ToList());
        var cells = new XCell[Headers.Length];
        foreach (var e in report.Evidence)
        {
            cells[0] = Of(TimeZoneInfo.ConvertTimeFromUtc(e.ReceivedAtUtc, report.Zone));
            cells[1] = Of(e.Sender);
            cells[2] = Of(names.Unit(e.SubmissionUnitId));
            cells[3] = Of(names.Cluster(e.ClusterId));
            cells[4] = Of(string.Join(", ", e.UnitIds.Select(names.Unit)));
            cells[5] = Of(names.Period(e.PeriodId));
            cells[6] = Of(e.TrackId);
            cells[7] = Of(string.Join(", ", e.Criteria.Select(names.Code)));
            cells[8] = Of(e.Name);
            cells[9] = Of(e.ArchivePath);
            cells[10] = e.Size is { } size ? Of(size) : Empty(XlsxStyles.Text);
            cells[11] = Of(e.Sha256);
            cells[12] = Of(e.MessageId);
            cells[13] = Of(e.Late ? "trễ" : "");
            sheet.Row(cells);
        }
    }
}
