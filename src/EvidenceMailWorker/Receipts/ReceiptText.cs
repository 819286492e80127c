using System.Text;

namespace EvidenceMailWorker.Receipts;

// The plain-text alternative of the receipt: the same content, for mail apps that show no HTML.
public static class ReceiptText
{
    public static string Render(ReceiptModel model)
    {
        var text = new StringBuilder();
        text.AppendLine("BIÊN NHẬN MINH CHỨNG").AppendLine();
        text.AppendLine($"Kính gửi: {model.Greeting}");
        var fileCount = model.Messages.Sum(m => m.Files.Count(f => !f.IsArchive));
        text.AppendLine($"{model.Organization} đã nhận được {model.Messages.Count} thư, gồm {fileCount} tệp minh chứng.");

        foreach (var message in model.Messages)
        {
            text.AppendLine().AppendLine($"== Thư “{message.Subject}”");
            text.AppendLine($"Nhận lúc {message.ReceivedAt}");
            text.AppendLine(message.Timeliness is null ? $"Kỳ: {message.Period}" : $"Kỳ: {message.Period} – {message.Timeliness}");
            if (message.NotCountedBecause is not null)
                text.AppendLine($"Thư này được lưu nhưng CHƯA ĐƯỢC TÍNH: {message.NotCountedBecause}.");
            if (message.Files.Count == 0)
                text.AppendLine("Thư không có tệp đính kèm.");
            foreach (var file in message.Files)
            {
                if (file.IsArchive)
                {
                    text.AppendLine($"* {file.Name} (tệp nén, {file.ArchiveEntries} tệp bên trong)");
                    continue;
                }
                var indent = file.Container is null ? "" : "  ";
                text.AppendLine($"{indent}- {file.Name}");
                text.AppendLine($"{indent}  Tiêu chí: {(file.Criteria.Count > 0 ? string.Join("; ", file.Criteria) : file.CriterionProblem)}");
                text.AppendLine($"{indent}  Đơn vị: {(file.Units.Count > 0 ? string.Join(", ", file.Units) : file.UnitProblem)}");
            }
        }

        foreach (var section in model.Missing)
        {
            text.AppendLine().AppendLine($"== {model.ClusterName ?? "Cụm"} còn thiếu – kỳ {section.Period}");
            if (section.Track is not null)
                text.AppendLine(section.Track);
            text.AppendLine($"Đã có minh chứng: {ReceiptNumbers.Points(section.Covered)}/{ReceiptNumbers.Points(section.Required)} điểm (điểm các tiêu chí, mỗi đơn vị tính riêng).");
            if (section.Criteria.Count == 0)
                text.AppendLine("Cụm đã có minh chứng cho tất cả tiêu chí của kỳ này.");
            foreach (var criterion in section.Criteria.Where(c => !c.NoUnitYet))
                text.AppendLine($"- {criterion.Code} {criterion.Name}: còn thiếu {criterion.Lacking}");
            var noneYet = section.Criteria.Where(c => c.NoUnitYet).ToList();
            if (noneYet.Count > 0)
                text.AppendLine($"Chưa đơn vị nào gửi minh chứng ({noneYet.Count} tiêu chí):");
            foreach (var criterion in noneYet)
                text.AppendLine($"- {criterion.Code} {criterion.Name}");
        }

        text.AppendLine().AppendLine("== Cách đặt tên để hệ thống tự nhận");
        text.AppendLine($"- Mã tiêu chí ở đầu tên tệp: {model.Guide.FileExample}");
        text.AppendLine($"- Tệp của một đơn vị trong cụm, thêm tên đơn vị: {model.Guide.UnitFileExample}");
        text.AppendLine($"- Trong tệp nén, xếp theo thư mục tiêu chí: {model.Guide.FolderExample}");
        text.AppendLine($"- Ghi kỳ báo cáo trong tiêu đề thư: {model.Guide.SubjectExample}");
        text.AppendLine().Append("Đây là thư trả lời tự động của hộp thư minh chứng thi đua, vui lòng không trả lời thư này.");
        if (model.OfficeContacts.Count > 0)
            text.Append($" Nếu có sai sót, xin liên hệ Văn phòng {model.Organization}: {string.Join(", ", model.OfficeContacts)}.");
        return text.AppendLine().ToString();
    }
}
