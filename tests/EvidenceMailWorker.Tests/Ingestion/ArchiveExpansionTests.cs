using System.Text;
using EvidenceMailWorker.Ingestion;
using Xunit;
using static EvidenceMailWorker.Tests.Ingestion.DecompositionFixture;

namespace EvidenceMailWorker.Tests.Ingestion;

public sealed class ArchiveExpansionTests : IDisposable
{
    private const ushort Utf8Flag = 0x0800;
    private const ushort EncryptedFlag = 0x0001;
    private static readonly byte[] Photo = [.. TestFiles.Jpeg, .. Encoding.UTF8.GetBytes("ảnh 1")];
    private readonly DecompositionFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Zip_is_listed_followed_by_its_files_with_paths()
    {
        var zip = TestFiles.Zip(("Tiêu chí 1.1/", []), ("Tiêu chí 1.1/ảnh 1.jpg", Photo), ("Kế hoạch.pdf", TestFiles.Pdf));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("Minh chứng.zip", zip, "application/zip")));

        Assert.Null(result.Problem);
        Assert.Equal(["Minh chứng.zip", "ảnh 1.jpg", "Kế hoạch.pdf"], result.Attachments.Select(a => a.FileName));
        Assert.Equal([null, "Tiêu chí 1.1/ảnh 1.jpg", "Kế hoạch.pdf"], result.Attachments.Select(a => a.ArchivePath));
        Assert.Equal(Sha256(zip), result.Attachments[0].Content.Sha256);
        Assert.Equal(Sha256(Photo), result.Attachments[1].Content.Sha256);
        Assert.Equal("image/jpeg", result.Attachments[1].DetectedContentType);
        Assert.Equal(Sha256(TestFiles.Pdf), result.Attachments[2].Content.Sha256);
        Assert.Equal("application/pdf", result.Attachments[2].DetectedContentType);
    }

    [Fact]
    public async Task Utf8_names_without_the_flag_are_read_as_utf8()
    {
        var zip = TestFiles.PatchZipFlags(TestFiles.Zip(("Tiêu chí 1.1/ảnh 1.jpg", Photo)), clear: Utf8Flag, set: 0);

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("a.zip", zip)));

        Assert.Equal("Tiêu chí 1.1/ảnh 1.jpg", result.Attachments[1].ArchivePath);
        Assert.Equal("ảnh 1.jpg", result.Attachments[1].FileName);
    }

    [Fact]
    public async Task Decomposed_utf8_names_are_composed()
    {
        var zip = TestFiles.Zip(("Tiêu chí 1.1/ảnh 1.jpg".Normalize(NormalizationForm.FormD), Photo));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("a.zip", zip)));

        Assert.Equal("Tiêu chí 1.1/ảnh 1.jpg", result.Attachments[1].ArchivePath);
    }

    [Fact]
    public async Task Names_that_are_not_utf8_are_read_as_cp437()
    {
        var cp437 = Encoding.GetEncoding(437);
        var zip = TestFiles.Zip([("Café/résumé.txt", "x"u8.ToArray())], cp437);

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("a.zip", zip)));

        Assert.Equal("Café/résumé.txt", result.Attachments[1].ArchivePath);
    }

    [Fact]
    public async Task Names_with_path_tricks_stay_inside_the_archive()
    {
        var zip = TestFiles.Zip(("../../etc/passwd", "x"u8.ToArray()), (@"C:\Windows\evil.exe", "y"u8.ToArray()));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("a.zip", zip)));

        Assert.Equal(["a.zip", "passwd", "evil.exe"], result.Attachments.Select(a => a.FileName));
        Assert.Equal("etc/passwd", result.Attachments[1].ArchivePath);
        Assert.Equal("C:/Windows/evil.exe", result.Attachments[2].ArchivePath);
    }

    [Fact]
    public async Task Docx_is_a_file_not_an_archive()
    {
        var docx = TestFiles.Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", "<w:document/>"u8.ToArray()));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("Báo cáo.docx", docx)));

        var file = Assert.Single(result.Attachments);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file.DetectedContentType);
    }

    [Fact]
    public async Task Zip_renamed_to_another_extension_is_not_expanded()
    {
        var zip = TestFiles.Zip(("a.txt", "x"u8.ToArray()));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("a.pdf", zip)));

        Assert.Equal("application/zip", Assert.Single(result.Attachments).DetectedContentType);
    }

    [Fact]
    public async Task Nested_archives_are_expanded_with_their_path()
    {
        var inner = TestFiles.Zip(("ảnh.jpg", Photo));
        var outer = TestFiles.Zip(("Tiêu chí 2/trong.zip", inner));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("ngoài.zip", outer)));

        Assert.Null(result.Problem);
        Assert.Equal(["ngoài.zip", "trong.zip", "ảnh.jpg"], result.Attachments.Select(a => a.FileName));
        Assert.Equal("Tiêu chí 2/trong.zip/ảnh.jpg", result.Attachments[2].ArchivePath);
        Assert.Equal(Sha256(Photo), result.Attachments[2].Content.Sha256);
    }

    [Fact]
    public async Task Archives_nested_too_deep_are_listed_but_not_opened()
    {
        _fixture.Limits.MaxArchiveDepth = 1;
        var outer = TestFiles.Zip(("trong.zip", TestFiles.Zip(("ảnh.jpg", Photo))));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("ngoài.zip", outer)));

        Assert.Equal(["ngoài.zip", "trong.zip"], result.Attachments.Select(a => a.FileName));
        Assert.Equal(DecompositionProblems.ArchiveLimit, result.Problem);
        Assert.Contains("trong.zip", result.ProblemDetail);
    }

    [Fact]
    public async Task Zip_bomb_stops_at_the_expanded_bytes_limit()
    {
        _fixture.Limits.MaxArchiveExpandedBytes = 1024 * 1024;
        var bombFolder = Directory.CreateTempSubdirectory("emw-bomb-");
        try
        {
            var bombPath = TestFiles.ZipOfZeros(bombFolder.FullName, 64L * 1024 * 1024);
            var bomb = await File.ReadAllBytesAsync(bombPath);
            Assert.True(bomb.Length < 1024 * 1024, "the bomb should compress well");

            var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("tài liệu.zip", bomb)));

            Assert.Equal(DecompositionProblems.ArchiveLimit, result.Problem);
            Assert.Contains("tài liệu.zip", result.ProblemDetail);
            Assert.Equal("tài liệu.zip", Assert.Single(result.Attachments).FileName);
            Assert.True(_fixture.SpooledBytes <= bomb.Length + _fixture.Limits.MaxArchiveExpandedBytes,
                $"spooled {_fixture.SpooledBytes} bytes");
        }
        finally
        {
            bombFolder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Expanded_bytes_limit_spans_all_archives_of_a_message()
    {
        _fixture.Limits.MaxArchiveExpandedBytes = 1500;
        var zip = TestFiles.Zip(("a.bin", new byte[1000]));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("1.zip", zip), Attachment("2.zip", zip)));

        Assert.Equal(["1.zip", "a.bin", "2.zip"], result.Attachments.Select(a => a.FileName));
        Assert.Equal(DecompositionProblems.ArchiveLimit, result.Problem);
        Assert.Contains("2.zip", result.ProblemDetail);
    }

    [Fact]
    public async Task Too_many_entries_stops_at_the_limit()
    {
        _fixture.Limits.MaxArchiveEntries = 5;
        var zip = TestFiles.Zip(Enumerable.Range(1, 10).Select(i => ($"ảnh {i}.jpg", Photo)).ToArray());

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("nhiều ảnh.zip", zip)));

        Assert.Equal(6, result.Attachments.Count);
        Assert.Equal(DecompositionProblems.ArchiveLimit, result.Problem);
        Assert.Contains("nhiều ảnh.zip", result.ProblemDetail);
    }

    [Fact]
    public async Task Encrypted_zip_is_kept_and_flagged()
    {
        var zip = TestFiles.PatchZipFlags(TestFiles.Zip(("bí mật.pdf", TestFiles.Pdf)), clear: 0, set: EncryptedFlag);

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("mật.zip", zip)));

        var file = Assert.Single(result.Attachments);
        Assert.Equal("mật.zip", file.FileName);
        Assert.Equal(Sha256(zip), file.Content.Sha256);
        Assert.Equal(DecompositionProblems.EncryptedArchive, result.Problem);
        Assert.Contains("mật.zip", result.ProblemDetail);
    }

    // Info-ZIP `zip -P matkhau enc.zip b.pdf`: real ZipCrypto, as Windows and WinRAR users send it.
    private const string RealEncryptedZipHex =
        "504b03040a000900000094737a5df55e7215220000001600000005001c00622e70646655540900031842086b1842086b75780b000104000000000400000000095f313b6575083464b58242c4d80ef5b4b84c4610fd5ca5d95c70a9d4705efe3602504b0708f55e72152200000016000000504b01021e030a000900000094737a5df55e72152200000016000000050018000000000001000000a48100000000622e70646655540500031842086b75780b000104000000000400000000504b050600000000010001004b000000710000000000";

    [Fact]
    public async Task Password_protected_zip_from_a_real_tool_is_flagged()
    {
        var zip = Convert.FromHexString(RealEncryptedZipHex);

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("hồ sơ.zip", zip)));

        Assert.Equal("hồ sơ.zip", Assert.Single(result.Attachments).FileName);
        Assert.Equal(DecompositionProblems.EncryptedArchive, result.Problem);
    }

    [Fact]
    public async Task SevenZip_is_expanded()
    {
        var sevenZip = TestFiles.SevenZip(("Tiêu chí 1.1/ảnh 1.jpg", Photo), ("Kế hoạch.pdf", TestFiles.Pdf));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("minh chứng.7z", sevenZip)));

        Assert.Null(result.Problem);
        Assert.Equal("application/x-7z-compressed", result.Attachments[0].DetectedContentType);
        Assert.Equal(["minh chứng.7z", "ảnh 1.jpg", "Kế hoạch.pdf"], result.Attachments.Select(a => a.FileName));
        Assert.Equal("Tiêu chí 1.1/ảnh 1.jpg", result.Attachments[1].ArchivePath);
        Assert.Equal(Sha256(Photo), result.Attachments[1].Content.Sha256);
        Assert.Equal(Sha256(TestFiles.Pdf), result.Attachments[2].Content.Sha256);
    }

    [Fact]
    public async Task Corrupt_zip_is_kept_as_a_plain_attachment()
    {
        byte[] corrupt = [.. "PK\x03\x04"u8, .. Enumerable.Repeat((byte)0xAB, 200)];

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("hỏng.zip", corrupt)));

        var file = Assert.Single(result.Attachments);
        Assert.Equal("hỏng.zip", file.FileName);
        Assert.Equal("application/zip", file.DetectedContentType);
        Assert.Null(result.Problem);
        Assert.Null(result.ProblemDetail);
    }

    [Fact]
    public async Task Truncated_zip_is_kept_as_a_plain_attachment()
    {
        var zip = TestFiles.Zip(("a.pdf", TestFiles.Pdf), ("b.jpg", Photo));

        var result = await _fixture.DecomposeRoundTripAsync(NewMessage(Attachment("cắt.zip", zip[..(zip.Length / 2)])));

        Assert.Equal("cắt.zip", result.Attachments[0].FileName);
        Assert.Null(result.Problem);
    }
}
