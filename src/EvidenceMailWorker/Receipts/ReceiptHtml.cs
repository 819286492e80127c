using System.Text;

namespace EvidenceMailWorker.Receipts;

// The receipt as HTML for a phone first: one column no wider than 600 px, 16 px text, every file a
// stacked block (no tables to scroll sideways), long file names allowed to wrap anywhere. Styles
// are inline because several mail apps drop <style> blocks.
public static class ReceiptHtml
{
    private const string Page = "margin:0;padding:0;background:#f2f4f3;";
    private const string Column = "max-width:600px;margin:0 auto;padding:16px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2a24;";
    private const string Heading = "font-size:20px;line-height:1.3;margin:0 0 12px 0;color:#0d5c2f;";
    private const string Subheading = "font-size:17px;margin:20px 0 8px 0;color:#0d5c2f;";
    private const string Card = "margin:8px 0;padding:10px 12px;border-left:4px solid #2e7d4f;background:#f5f9f6;overflow-wrap:anywhere;word-break:break-word;";
    private const string ArchiveCard = "margin:8px 0;padding:10px 12px;border-left:4px solid #7a8a80;background:#f3f4f3;overflow-wrap:anywhere;word-break:break-word;";
    private const string EntryCard = "margin:8px 0 8px 16px;padding:10px 12px;border-left:4px solid #2e7d4f;background:#f5f9f6;overflow-wrap:anywhere;word-break:break-word;";
    private const string Problem = "color:#a4400c;";
    private const string Muted = "color:#5b6760;font-size:14px;";
    private const string Warning = "margin:8px 0;padding:10px 12px;background:#fff4e5;border-left:4px solid #e08a00;";

    public static string Render(ReceiptModel model)
    {
        var html = new StringBuilder();
        Open(html, $"Biên nhận minh chứng – {model.Organization}");
        html.Append($"<h1 style=\"{Heading}\">Biên nhận minh chứng</h1>");
        html.Append($"<p style=\"margin:0 0 8px 0;\">Kính gửi: <b>{Html.Encode(model.Greeting)}</b></p>");
        var fileCount = model.Messages.Sum(m => m.Files.Count(f => !f.IsArchive));
        html.Append($"<p style=\"margin:0 0 8px 0;\">{Html.Encode(model.Organization)} đã nhận được {model.Messages.Count} thư, gồm {fileCount} tệp minh chứng. Chi tiết từng tệp:</p>");

        foreach (var message in model.Messages)
            RenderMessage(html, message);

        foreach (var section in model.Missing)
            RenderMissing(html, section, model.ClusterName);

        RenderGuide(html, model.Guide);
        html.Append($"<p style=\"{Muted}margin-top:20px;\">Đây là thư trả lời tự động của hộp thư minh chứng thi đua, vui lòng không trả lời thư này.");
        if (model.OfficeContacts.Count > 0)
            html.Append($" Nếu có sai sót, xin liên hệ Văn phòng {Html.Encode(model.Organization)}: {Html.Encode(string.Join(", ", model.OfficeContacts))}.");
        html.Append("</p>");
        Close(html);
        return html.ToString();
    }

    public static void Open(StringBuilder html, string title)
    {
        html.Append("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>{Html.Encode(title)}</title></head>");
        html.Append($"<body style=\"{Page}\"><div style=\"{Column}\">");
    }

    public static void Close(StringBuilder html) => html.Append("</div></body></html>");

    private static void RenderMessage(StringBuilder html, ReceivedMessage message)
    {
        html.Append($"<h2 style=\"{Subheading}\">Thư “{Html.Encode(message.Subject)}”</h2>");
        html.Append($"<div style=\"{Muted}\">Nhận lúc {Html.Encode(message.ReceivedAt)}</div>");
        html.Append($"<div>Kỳ: <b>{Html.Encode(message.Period)}</b>");
        if (message.Timeliness is not null)
            html.Append($" – {Html.Encode(message.Timeliness)}");
        html.Append("</div>");
        if (message.NotCountedBecause is not null)
            html.Append($"<div style=\"{Warning}\">Thư này được lưu nhưng <b>chưa được tính</b>: {Html.Encode(message.NotCountedBecause)}.</div>");
        if (message.Files.Count == 0)
            html.Append($"<p style=\"{Problem}\">Thư không có tệp đính kèm.</p>");
        foreach (var file in message.Files)
            RenderFile(html, file);
    }

    private static void RenderFile(StringBuilder html, ReceivedFile file)
    {
        if (file.IsArchive)
        {
            html.Append($"<div style=\"{ArchiveCard}\"><b>{Html.Encode(file.Name)}</b><br><span style=\"{Muted}\">Tệp nén, {file.ArchiveEntries} tệp bên trong:</span></div>");
            return;
        }
        html.Append($"<div style=\"{(file.Container is null ? Card : EntryCard)}\"><b>{Html.Encode(file.Name)}</b>");
        html.Append("<br>Tiêu chí: ");
        html.Append(file.Criteria.Count > 0 ? Html.Encode(string.Join("; ", file.Criteria)) : $"<span style=\"{Problem}\">{Html.Encode(file.CriterionProblem)}</span>");
        html.Append("<br>Đơn vị: ");
        html.Append(file.Units.Count > 0 ? Html.Encode(string.Join(", ", file.Units)) : $"<span style=\"{Problem}\">{Html.Encode(file.UnitProblem)}</span>");
        html.Append("</div>");
    }

    private static void RenderMissing(StringBuilder html, MissingSection section, string? clusterName)
    {
        html.Append($"<h2 style=\"{Subheading}\">{Html.Encode(clusterName ?? "Cụm")} còn thiếu – kỳ {Html.Encode(section.Period)}</h2>");
        if (section.Track is not null)
            html.Append($"<div style=\"{Muted}\">{Html.Encode(section.Track)}</div>");
        html.Append($"<div>Đã có minh chứng: <b>{ReceiptNumbers.Points(section.Covered)}/{ReceiptNumbers.Points(section.Required)} điểm</b> (điểm các tiêu chí, mỗi đơn vị tính riêng).</div>");
        if (section.Criteria.Count == 0)
        {
            html.Append("<p>Cụm đã có minh chứng cho tất cả tiêu chí của kỳ này.</p>");
            return;
        }
        foreach (var criterion in section.Criteria.Where(c => !c.NoUnitYet))
            html.Append($"<div style=\"{Card}\"><b>{Html.Encode(criterion.Code)}</b> {Html.Encode(criterion.Name)}<br><span style=\"{Problem}\">Còn thiếu: {Html.Encode(criterion.Lacking)}</span></div>");
        var noneYet = section.Criteria.Where(c => c.NoUnitYet).ToList();
        if (noneYet.Count > 0)
        {
            html.Append($"<div style=\"{Card}\"><span style=\"{Problem}\">Chưa đơn vị nào gửi minh chứng ({noneYet.Count} tiêu chí):</span>");
            foreach (var criterion in noneYet)
                html.Append($"<br><b>{Html.Encode(criterion.Code)}</b> {Html.Encode(criterion.Name)}");
            html.Append("</div>");
        }
    }

    private static void RenderGuide(StringBuilder html, NamingGuide guide)
    {
        html.Append($"<h2 style=\"{Subheading}\">Cách đặt tên để hệ thống tự nhận</h2>");
        html.Append($"<div style=\"{ArchiveCard}\">Mã tiêu chí ở đầu tên tệp:<br><b>{Html.Encode(guide.FileExample)}</b></div>");
        html.Append($"<div style=\"{ArchiveCard}\">Tệp của một đơn vị trong cụm, thêm tên đơn vị:<br><b>{Html.Encode(guide.UnitFileExample)}</b></div>");
        html.Append($"<div style=\"{ArchiveCard}\">Trong tệp nén, xếp theo thư mục tiêu chí:<br><b>{Html.Encode(guide.FolderExample)}</b></div>");
        html.Append($"<div style=\"{ArchiveCard}\">Ghi kỳ báo cáo trong tiêu đề thư:<br><b>{Html.Encode(guide.SubjectExample)}</b></div>");
    }
}
