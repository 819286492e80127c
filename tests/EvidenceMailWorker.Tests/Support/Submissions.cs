using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace EvidenceMailWorker.Tests.Support;

// Realistic submissions from the sample campaign's units, built in code.
public static class Submissions
{
    public const string NgocChuc = "doan.ngocchuc@example.org"; // leader of cum-2
    public const string ThanhBinh = "doan.thanhbinh@example.org"; // member of cum-1

    public static MimeMessage From(string address, string name, string subject, params (string FileName, byte[] Content)[] files)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(name, address));
        message.To.Add(new MailboxAddress("Huyện đoàn Giồng Riềng", "huyendoangiongrieng@gmail.com"));
        message.Subject = subject;
        message.MessageId = $"{Guid.NewGuid():N}@mail.gmail.com";
        message.Date = new DateTimeOffset(2024, 6, 8, 9, 15, 0, TimeSpan.FromHours(7));
        var body = new BodyBuilder { TextBody = "Kính gửi Văn phòng Huyện đoàn,\nCụm gửi minh chứng.\nTrân trọng." };
        foreach (var (fileName, content) in files)
            body.Attachments.Add(fileName, content);
        message.Body = body.ToMessageBody();
        return message;
    }

    public static byte[] Pdf(string seed) => Encoding.ASCII.GetBytes("%PDF-1.4\n% " + seed + "\n" + new string('x', 2000) + "\n%%EOF\n");

    public static byte[] Jpeg(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        return bytes;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
