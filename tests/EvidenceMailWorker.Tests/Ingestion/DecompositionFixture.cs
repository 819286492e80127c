using EvidenceMailWorker.Storage;
using System.Security.Cryptography;
using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion;
using MimeKit;

namespace EvidenceMailWorker.Tests.Ingestion;

// A scratch folder per test, so tests can measure what was spooled and nothing leaks between them.
public sealed class DecompositionFixture : IDisposable
{
    public DecompositionFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "emw-mime-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Spool = new FileSpool(Root);
    }

    public string Root { get; }
    public FileSpool Spool { get; }
    public LimitsOptions Limits { get; } = new();

    public long SpooledBytes =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    public Task<DecomposedMessage> DecomposeAsync(MimeMessage message, bool keepFiles = false) =>
        new MessageDecomposer().DecomposeAsync(message, Spool, Limits, CancellationToken.None, keepFiles);

    public int SpooledFiles => Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Count();

    // Parsing what was written is how the worker sees mail, so encodings are exercised for real.
    public Task<DecomposedMessage> DecomposeRoundTripAsync(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return DecomposeRawAsync(buffer.ToArray());
    }

    public Task<DecomposedMessage> DecomposeRawAsync(byte[] raw) =>
        DecomposeAsync(MimeMessage.Load(MessageDecomposer.ParserOptions, new MemoryStream(raw)));

    public Task<DecomposedMessage> DecomposeRawAsync(string raw) =>
        DecomposeRawAsync(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static MimeMessage NewMessage(params MimeEntity[] parts)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Đoàn xã", "doan@example.vn"));
        message.To.Add(new MailboxAddress("Văn phòng", "office@example.vn"));
        message.Subject = "Minh chứng";
        var mixed = new Multipart("mixed") { new TextPart("plain") { Text = "Kính gửi Ban tổ chức" } };
        foreach (var part in parts)
            mixed.Add(part);
        message.Body = mixed;
        return message;
    }

    public static MimePart Attachment(string fileName, byte[] content, string mimeType = "application/octet-stream") =>
        new(mimeType)
        {
            FileName = fileName,
            Content = new MimeContent(new MemoryStream(content)),
            ContentTransferEncoding = ContentEncoding.Base64,
        };

    public void Dispose()
    {
        Spool.Dispose();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
