using System.Text;

namespace EvidenceMailWorker.Receipts;

// The short notice to an address no unit registered: what happened, what to do, whom to ask.
// Deliberately says nothing about the campaign's contents: the sender is a stranger.
public static class UnknownSenderNotice
{
    public const string Subject = "Thông báo: địa chỉ email chưa được đăng ký";

    public static (string Html, string Text) Render(string organization, string sender, string? originalSubject, IReadOnlyList<string> office)
    {
        var subject = string.IsNullOrWhiteSpace(originalSubject) ? "(không có tiêu đề)" : originalSubject;
        var contact = office.Count > 0 ? string.Join(", ", office) : null;
        var lines = new[]
        {
            $"Hộp thư minh chứng thi đua của {organization} đã nhận được thư “{subject}” từ địa chỉ {sender}.",
            "Địa chỉ này chưa được đăng ký cho đơn vị nào trong các cụm thi đua, nên thư đã được lưu lại nhưng chưa được tính.",
            contact is null
                ? $"Vui lòng gửi lại từ địa chỉ email đã đăng ký của đơn vị, hoặc liên hệ Văn phòng {organization} để đăng ký địa chỉ này."
                : $"Vui lòng gửi lại từ địa chỉ email đã đăng ký của đơn vị, hoặc liên hệ Văn phòng {organization} ({contact}) để đăng ký địa chỉ này.",
        };
        const string footer = "Đây là thư trả lời tự động, mỗi ngày gửi tối đa một lần; vui lòng không trả lời thư này.";

        var html = new StringBuilder();
        ReceiptHtml.Open(html, Subject);
        html.Append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 12px 0;color:#0d5c2f;\">Địa chỉ email chưa được đăng ký</h1>");
        html.Append("<p>Kính gửi anh/chị,</p>");
        foreach (var line in lines)
            html.Append($"<p>{Html.Encode(line)}</p>");
        html.Append($"<p style=\"color:#5b6760;font-size:14px;\">{Html.Encode(footer)}</p>");
        ReceiptHtml.Close(html);

        var text = new StringBuilder().AppendLine("Kính gửi anh/chị,").AppendLine();
        foreach (var line in lines)
            text.AppendLine(line).AppendLine();
        text.AppendLine(footer);
        return (html.ToString(), text.ToString());
    }
}
