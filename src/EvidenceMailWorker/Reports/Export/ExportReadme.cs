using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Reports.Export;

// README.txt of the package, in Vietnamese: how the tree is organised, for the province's reader.
public static class ExportReadme
{
    public static string Text(CampaignOptions campaign, string? periodId, int files, long bytes, DateTimeOffset generatedAt, TimeZoneInfo zone)
    {
        var period = periodId is null ? $"cả năm {campaign.Year}" : campaign.Periods.FirstOrDefault(p => p.Id == periodId)?.Name ?? periodId;
        var local = ReportText.Local(generatedAt.UtcDateTime, zone);
        return string.Join("\r\n",
            $"GÓI MINH CHỨNG — {campaign.Organization}",
            $"Kỳ: {period}. Lập lúc {local} (giờ {zone.Id}).",
            $"Số tệp: {files}; tổng dung lượng: {bytes / 1048576.0:0.0} MB.",
            "",
            "Cách sắp xếp thư mục:",
            "  <mã lĩnh vực> - <tên lĩnh vực>/<mã tiêu chí> - <tên tiêu chí>/<tên cụm>/<tên đơn vị>/<tệp>",
            "  - Tiêu chí chung của cụm, hoặc tệp không xác định được đơn vị: nằm ngay trong thư mục của cụm.",
            "  - Một tệp thuộc nhiều tiêu chí hoặc nhiều đơn vị được đặt vào từng thư mục tương ứng.",
            $"  - Tệp chưa xác định được tiêu chí: {ExportPlan.Unclassified}/<tên cụm>/<tệp>.",
            "  - Tệp nén (zip, rar, 7z) được giải nén: mỗi tệp bên trong được xếp theo tiêu chí của nó.",
            "  - Mỗi liên kết (Google Drive, OneDrive, …) là một tệp .url nằm cạnh các tệp cùng tiêu chí; mở bằng trình duyệt.",
            "  - Hai tệp khác nhau trùng tên trong một thư mục được đánh số “ (2)”, “ (3)”; cùng một nội dung chỉ ghi một lần.",
            "",
            "index.xlsx liệt kê từng tệp: đường dẫn trong gói, tên gốc, dung lượng, mã SHA-256 (để kiểm tra tệp không bị thay đổi),",
            "Message-ID của thư, thời điểm nhận, người gửi, cụm, đơn vị, tiêu chí, kỳ và việc gửi trễ hạn.",
            "Chỉ gồm minh chứng của các thư đã được chấp nhận; cụm của mỗi thư theo cấu hình hiện hành.",
            "");
    }
}
