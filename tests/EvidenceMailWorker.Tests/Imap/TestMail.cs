using EvidenceMailWorker.Tests.Support;
using MimeKit;

namespace EvidenceMailWorker.Tests.Imap;

public static class TestMail
{
    // Submissions from a known unit, numbered, with an attachment of the given size; dates one
    // minute apart so INTERNALDATE order is the numbering.
    public static List<MimeMessage> Numbered(int count, int attachmentBytes = 2_000, int first = 0) =>
        Enumerable.Range(first, count).Select(i =>
        {
            var message = Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", $"Cụm 2 gửi minh chứng số {i:D3}",
                ($"TC 1.1 - Kế hoạch số {i}.pdf", Submissions.Pdf($"plan {i}")),
                ($"ảnh {i}.jpg", Submissions.Jpeg(attachmentBytes, i)));
            message.Date = new DateTimeOffset(2024, 6, 8, 9, 0, 0, TimeSpan.FromHours(7)).AddMinutes(i);
            return message;
        }).ToList();
}
