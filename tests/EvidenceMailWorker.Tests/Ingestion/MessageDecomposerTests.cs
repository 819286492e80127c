using System.Text;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using MimeKit;
using MimeKit.Tnef;
using Xunit;
using static EvidenceMailWorker.Tests.Ingestion.DecompositionFixture;

namespace EvidenceMailWorker.Tests.Ingestion;

public sealed class MessageDecomposerTests : IDisposable
{
    private const string PlanName = "TC 1.1 - Kế hoạch học tập Nghị quyết.pdf";
    private readonly DecompositionFixture _fixture = new();

    static MessageDecomposerTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Vietnamese_name_survives_rfc2231()
    {
        var message = NewMessage(Attachment(PlanName, TestFiles.Pdf, "application/pdf"));

        var result = await _fixture.DecomposeRoundTripAsync(message);

        var file = Assert.Single(result.Attachments);
        Assert.Equal(PlanName, file.FileName);
        Assert.Equal(PlanName, file.OriginalFileName);
        Assert.Equal("application/pdf", file.DetectedContentType);
        Assert.Null(file.ArchivePath);
        Assert.Equal(Sha256(TestFiles.Pdf), file.Content.Sha256);
        Assert.Equal(TestFiles.Pdf.Length, file.Content.Size);
        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task Ingest_writes_only_the_archive_it_opens_and_identifies_every_file_as_export_does()
    {
        var zip = TestFiles.Zip(("TC 2.1 - Ảnh hoạt động.jpg", TestFiles.Jpeg), ("TC 2.2 - Biên bản.pdf", TestFiles.Pdf));
        var message = NewMessage(
            Attachment(PlanName, TestFiles.Pdf, "application/pdf"),
            Attachment("Minh chứng cụm 3.zip", zip, "application/zip"));
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);

        var ingest = await _fixture.DecomposeRawAsync(buffer.ToArray());
        Assert.Equal(1, _fixture.SpooledFiles); // the zip, to list its entries
        var export = await _fixture.DecomposeAsync(MimeMessage.Load(MessageDecomposer.ParserOptions, new MemoryStream(buffer.ToArray())), keepFiles: true);

        Assert.Equal(4, ingest.Attachments.Count);
        Assert.Equal(export.Attachments.Select(a => (a.FileName, a.ArchivePath, a.DetectedContentType, a.Content.Sha256, a.Content.Size)),
            ingest.Attachments.Select(a => (a.FileName, a.ArchivePath, a.DetectedContentType, a.Content.Sha256, a.Content.Size)));
        Assert.Equal([false, true, false, false], ingest.Attachments.Select(a => a.Content.Path is not null));
        foreach (var file in export.Attachments)
            Assert.Equal(file.Content.Sha256, Sha256(File.ReadAllBytes(file.Content.Path!)));
    }

    [Fact]
    public async Task Rfc2047_encoded_word_name_is_decoded()
    {
        var encoded = "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Báo cáo tháng 5.pdf")) + "?=";
        var raw = Message($"Content-Type: application/pdf; name=\"{encoded}\"\nContent-Disposition: attachment; filename=\"{encoded}\"");

        var result = await _fixture.DecomposeRawAsync(raw);

        Assert.Equal("Báo cáo tháng 5.pdf", Assert.Single(result.Attachments).FileName);
    }

    [Fact]
    public async Task Decomposed_unicode_name_is_composed()
    {
        var nfd = PlanName.Normalize(NormalizationForm.FormD);
        var message = NewMessage(Attachment(nfd, TestFiles.Pdf, "application/pdf"));

        var result = await _fixture.DecomposeRoundTripAsync(message);

        var file = Assert.Single(result.Attachments);
        Assert.Equal(PlanName, file.FileName);
        Assert.Equal(PlanName, file.OriginalFileName);
    }

    [Fact]
    public async Task Raw_utf8_header_name_is_read_as_utf8()
    {
        var raw = Encoding.UTF8.GetBytes(Message($"Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"{PlanName}\"").ReplaceLineEndings("\r\n"));

        var result = await _fixture.DecomposeRawAsync(raw);

        Assert.Equal(PlanName, Assert.Single(result.Attachments).FileName);
    }

    [Fact]
    public async Task Raw_windows1258_header_name_falls_back_to_windows1258()
    {
        var text = Message("Content-Type: application/pdf\nContent-Disposition: attachment; filename=\"@@NAME@@\"").ReplaceLineEndings("\r\n");
        var parts = text.Split("@@NAME@@");
        byte[] raw = [.. Encoding.ASCII.GetBytes(parts[0]), .. Windows1258(PlanName), .. Encoding.ASCII.GetBytes(parts[1])];

        var result = await _fixture.DecomposeRawAsync(raw);

        Assert.Equal(PlanName, Assert.Single(result.Attachments).FileName);
    }

    [Fact]
    public async Task Rfc2231_windows1258_name_is_decoded_and_composed()
    {
        var bytes = Windows1258(PlanName);
        var percent = string.Concat(bytes.Select(b => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'.' ? ((char)b).ToString() : $"%{b:X2}"));
        var raw = Message($"Content-Type: application/pdf\nContent-Disposition: attachment; filename*=windows-1258''{percent}");

        var result = await _fixture.DecomposeRawAsync(raw);

        Assert.Equal(PlanName, Assert.Single(result.Attachments).FileName);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\Windows\evil.exe", "evil.exe")]
    public async Task Path_names_are_reduced_to_their_last_segment(string sent, string expected)
    {
        var raw = Message($"Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"{sent.Replace(@"\", @"\\")}\"");

        var result = await _fixture.DecomposeRawAsync(raw);

        var file = Assert.Single(result.Attachments);
        Assert.Equal(expected, file.FileName);
        Assert.Equal(sent, file.OriginalFileName);
    }

    [Fact]
    public async Task Inline_image_with_a_name_counts_and_bodies_do_not()
    {
        var image = Attachment("ảnh hoạt động.jpg", TestFiles.Jpeg, "image/jpeg");
        image.ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "ảnh hoạt động.jpg" };
        image.ContentId = "img1@example";
        var related = new MultipartRelated { new TextPart("html") { Text = "<p>Ảnh <img src=\"cid:img1@example\"></p>" }, image };
        var message = NewMessage();
        message.Body = new MultipartAlternative { new TextPart("plain") { Text = "Ảnh hoạt động" }, related };

        var result = await _fixture.DecomposeRoundTripAsync(message);

        var file = Assert.Single(result.Attachments);
        Assert.Equal("ảnh hoạt động.jpg", file.FileName);
        Assert.Equal("image/jpeg", file.DetectedContentType);
        Assert.StartsWith("Ảnh hoạt động", result.TextBody);
        Assert.Contains("cid:img1@example", result.HtmlBody);
    }

    [Fact]
    public async Task Bodies_are_composed_and_absent_bodies_are_null()
    {
        var message = NewMessage();
        message.Body = new TextPart("plain") { Text = "Kính gửi".Normalize(NormalizationForm.FormD) };

        var result = await _fixture.DecomposeRoundTripAsync(message);

        Assert.Empty(result.Attachments);
        Assert.Equal("Kính gửi", result.TextBody?.TrimEnd());
        Assert.Null(result.HtmlBody);
    }

    [Fact]
    public async Task Octet_stream_pdf_is_sniffed_as_pdf()
    {
        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("bao-cao", TestFiles.Pdf)));

        var file = Assert.Single(result.Attachments);
        Assert.Equal("application/octet-stream", file.DeclaredContentType);
        Assert.Equal("application/pdf", file.DetectedContentType);
    }

    [Fact]
    public async Task Forwarded_message_yields_its_files_not_the_eml()
    {
        var inner = NewMessage(Attachment(PlanName, TestFiles.Pdf, "application/pdf"));
        var innerInner = NewMessage(Attachment("ảnh.jpg", TestFiles.Jpeg, "image/jpeg"));
        ((Multipart)inner.Body!).Add(new MessagePart { Message = innerInner, ContentDisposition = new ContentDisposition("attachment") { FileName = "fw2.eml" } });
        var outer = NewMessage(
            new MessagePart { Message = inner, ContentDisposition = new ContentDisposition("attachment") { FileName = "Fw: minh chứng.eml" } },
            Attachment("sau.pdf", TestFiles.Pdf));

        var result = await _fixture.DecomposeRoundTripAsync(outer);

        Assert.Equal([PlanName, "ảnh.jpg", "sau.pdf"], result.Attachments.Select(a => a.FileName));
        Assert.Equal(Sha256(TestFiles.Jpeg), result.Attachments[1].Content.Sha256);
    }

    [Fact]
    public async Task Base64_encoded_rfc822_part_is_decoded_and_walked()
    {
        var inner = NewMessage(Attachment(PlanName, TestFiles.Pdf, "application/pdf"));
        using var innerBytes = new MemoryStream();
        inner.WriteTo(innerBytes);
        var raw = Message(
            "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"fw.eml\"",
            Convert.ToBase64String(innerBytes.ToArray(), Base64FormattingOptions.InsertLineBreaks));

        var result = await _fixture.DecomposeRawAsync(raw);

        var file = Assert.Single(result.Attachments);
        Assert.Equal(PlanName, file.FileName);
        Assert.Equal(Sha256(TestFiles.Pdf), file.Content.Sha256);
    }

    [Fact]
    public async Task Tnef_part_yields_its_files()
    {
        var tnef = TestFiles.Tnef(("plan.pdf", TestFiles.Pdf), ("photo.jpg", TestFiles.Jpeg));
        var part = new TnefPart { Content = new MimeContent(new MemoryStream(tnef)), ContentTransferEncoding = ContentEncoding.Base64 };

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(part));

        Assert.Equal(["plan.pdf", "photo.jpg"], result.Attachments.Select(a => a.FileName));
        Assert.Equal(Sha256(TestFiles.Pdf), result.Attachments[0].Content.Sha256);
        Assert.Equal("application/pdf", result.Attachments[0].DetectedContentType);
        Assert.Equal(Sha256(TestFiles.Jpeg), result.Attachments[1].Content.Sha256);
    }

    [Fact]
    public async Task Winmail_dat_sent_as_octet_stream_is_recognised_by_its_bytes()
    {
        var tnef = TestFiles.Tnef(("plan.pdf", TestFiles.Pdf));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("winmail.dat", tnef)));

        var file = Assert.Single(result.Attachments);
        Assert.Equal("plan.pdf", file.FileName);
        Assert.Equal(Sha256(TestFiles.Pdf), file.Content.Sha256);
    }

    [Fact]
    public async Task Broken_tnef_is_kept_as_the_dat_file()
    {
        byte[] broken = [0x78, 0x9F, 0x3E, 0x22, 0x01, 0x00, 0x02, 0xFF, 0xFF];

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("winmail.dat", broken)));

        Assert.Equal("winmail.dat", Assert.Single(result.Attachments).FileName);
    }

    [Fact]
    public async Task Attachments_keep_message_order()
    {
        var message = NewMessage(
            Attachment("1.pdf", TestFiles.Pdf),
            Attachment("2.zip", TestFiles.Zip(("a.txt", "a"u8.ToArray()))),
            Attachment("3.jpg", TestFiles.Jpeg));

        var result = await _fixture.DecomposeRoundTripAsync(message);

        Assert.Equal(["1.pdf", "2.zip", "a.txt", "3.jpg"], result.Attachments.Select(a => a.FileName));
        Assert.Equal([null, null, "a.txt", null], result.Attachments.Select(a => a.ArchivePath));
    }

    [Fact]
    public async Task Signature_of_a_signed_message_is_not_a_file()
    {
        var raw = $"""
            From: doan@example.vn
            To: office@example.vn
            Subject: signed
            MIME-Version: 1.0
            Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="s"

            --s
            Content-Type: multipart/mixed; boundary="m"

            --m
            Content-Type: text/plain

            body
            --m
            Content-Type: application/pdf; name="plan.pdf"
            Content-Transfer-Encoding: base64

            {Convert.ToBase64String(TestFiles.Pdf)}
            --m--
            --s
            Content-Type: application/pkcs7-signature; name="smime.p7s"
            Content-Disposition: attachment; filename="smime.p7s"
            Content-Transfer-Encoding: base64

            MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAKCAMIIB
            --s--

            """;

        var result = await _fixture.DecomposeRawAsync(raw);

        Assert.Equal("plan.pdf", Assert.Single(result.Attachments).FileName);
    }

    [Fact]
    public async Task Apple_double_yields_the_data_fork_once()
    {
        var resource = Attachment("ảnh.jpg", [0x00, 0x05, 0x16, 0x07, 0x00, 0x02], "application/applefile");
        var data = Attachment("ảnh.jpg", TestFiles.Jpeg, "image/jpeg");
        var message = NewMessage(new Multipart("appledouble") { resource, data });

        var result = await _fixture.DecomposeRoundTripAsync(message);

        var file = Assert.Single(result.Attachments);
        Assert.Equal(Sha256(TestFiles.Jpeg), file.Content.Sha256);
    }

    [Fact]
    public void Parser_options_fall_back_to_windows1258() =>
        Assert.Equal(1258, MessageDecomposer.ParserOptions.CharsetEncoding.CodePage);

    // windows-1258 has the letters with hats and horns (â, ê, ơ, ư, ...) but tones only as combining
    // marks, so Vietnamese is written base letter + tone mark, as Vietnamese Windows keyboards do.
    private static byte[] Windows1258(string text)
    {
        var tones = "\u0300\u0301\u0303\u0309\u0323";
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            builder.Append(string.Concat(decomposed.Where(m => !tones.Contains(m))).Normalize(NormalizationForm.FormC));
            builder.Append(string.Concat(decomposed.Where(m => tones.Contains(m))));
        }
        var bytes = Encoding.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes(builder.ToString());
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
        return bytes;
    }

    private static string Message(string partHeaders, string body = "JVBERi0xLjQK")
    {
        var encoding = partHeaders.Contains("Content-Transfer-Encoding", StringComparison.Ordinal) ? "" : "Content-Transfer-Encoding: base64\n";
        return $"""
            From: doan@example.vn
            To: office@example.vn
            Subject: test
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8

            body
            --b
            {partHeaders}
            {encoding}
            {body}
            --b--

            """;
    }
}
