using EvidenceMailWorker.Reports.Xlsx;
using static EvidenceMailWorker.Reports.Xlsx.XCell;

namespace EvidenceMailWorker.Reports.Export;

// index.xlsx: one row per written file, in package order (CONTRACT §5).
public static class ExportIndex
{
    public const string SheetName = "Danh mục";

    public static readonly string[] Headers =
        ["Đường dẫn trong gói", "Tên tệp gốc", "Dung lượng (byte)", "SHA-256", "Message-ID", "Nhận lúc", "Người gửi", "Cụm", "Đơn vị", "Tiêu chí", "Kỳ", "Trễ hạn"];

    public static void Write(Stream output, IReadOnlyList<ExportEntry> entries, CampaignNames names, TimeZoneInfo zone)
    {
        using var workbook = new XlsxWorkbook(output);
        using var sheet = workbook.Add(SheetName, new SheetLayout([80, 40, 14, 66, 40, 17, 30, 14, 30, 18, 20, 9], FrozenRows: 1));
        sheet.Row(Headers.Select(h => Of(h, XlsxStyles.Header)).ToList());
        var cells = new XCell[Headers.Length];
        foreach (var e in entries)
        {
            cells[0] = Of(e.PackagePath);
            cells[1] = Of(e.OriginalName);
            cells[2] = Of(e.Size);
            cells[3] = Of(e.ContentSha256);
            cells[4] = Of(e.Submission.MessageId);
            cells[5] = Of(TimeZoneInfo.ConvertTimeFromUtc(e.Submission.ReceivedAtUtc, zone));
            cells[6] = Of(e.Submission.OriginalFrom ?? e.Submission.From);
            cells[7] = Of(e.ClusterName);
            cells[8] = Of(e.UnitName);
            cells[9] = Of(string.Join(", ", e.Criteria.Select(names.Code)));
            cells[10] = Of(names.Period(e.Submission.Period));
            cells[11] = Of(e.Submission.Late == true ? "trễ" : "");
            sheet.Row(cells);
        }
    }
}
