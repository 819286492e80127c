using System.Text;
using EvidenceMailWorker.Core;
using Xunit;

namespace EvidenceMailWorker.Tests.Core;

public class FileTypeSnifferTests
{
    private const string Octet = "application/octet-stream";

    public static TheoryData<string, string, string> Magic => new()
    {
        { "255044462D312E370A", "x.bin", "application/pdf" },
        { "FFD8FFE000104A464946", "x", "image/jpeg" },
        { "89504E470D0A1A0A0000", "x", "image/png" },
        { "474946383961", "x", "image/gif" },
        { "0000001866747970686569630000", "IMG_1.HEIC", "image/heic" },
        { "00000018667479706D6966310000", "x", "image/heif" },
        { "00000018667479706D7034320000", "clip", "video/mp4" },
        { "0000001466747970717420200000", "clip.mov", "video/quicktime" },
        { "504B0304140000000800", "x.zip", "application/zip" },
        { "504B0304140000000800", "Báo cáo.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "504B0304140000000800", "x.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "504B0304140000000800", "x.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
        { "D0CF11E0A1B11AE10000", "x.doc", "application/msword" },
        { "D0CF11E0A1B11AE10000", "x.xls", "application/vnd.ms-excel" },
        { "D0CF11E0A1B11AE10000", "x.ppt", "application/vnd.ms-powerpoint" },
        { "D0CF11E0A1B11AE10000", "x", "application/x-ole-storage" },
        { "526172211A0700", "x.rar", "application/vnd.rar" },
        { "526172211A070100", "x.rar", "application/vnd.rar" },
        { "377ABCAF271C0004", "x.7z", "application/x-7z-compressed" },
        { "1F8B0800", "x.gz", "application/gzip" },
        { "789F3E22010001", "winmail.dat", "application/vnd.ms-tnef" },
        { "49443303000000", "x", "audio/mpeg" },
        { "52494646240000005745425056503820", "x", "image/webp" },
        { "424D3A0000000000000036000000", "x", "image/bmp" },
        { "49492A0008000000", "x", "image/tiff" },
        { "4D4D002A00000008", "x", "image/tiff" },
    };

    [Theory]
    [MemberData(nameof(Magic))]
    public void Detects_by_magic_bytes(string hex, string fileName, string expected) =>
        Assert.Equal(expected, FileTypeSniffer.Detect(Convert.FromHexString(hex), fileName, Octet));

    [Fact]
    public void Tells_office_files_apart_by_their_folders_when_the_name_does_not()
    {
        var head = Encoding.ASCII.GetBytes("PK\x03\x04....[Content_Types].xml....PK\x03\x04....word/document.xml");
        Assert.Equal(FileTypeSniffer.Docx, FileTypeSniffer.Detect(head, "untitled", Octet));
    }

    [Fact]
    public void Vietnamese_text_is_text() =>
        Assert.Equal("text/plain", FileTypeSniffer.Detect(Encoding.UTF8.GetBytes("Báo cáo kết quả học tập"), "a", Octet));

    [Fact]
    public void Declared_text_subtype_is_kept_for_text() =>
        Assert.Equal("text/csv", FileTypeSniffer.Detect("a,b\n1,2\n"u8, "a.csv", "text/csv"));

    [Fact]
    public void Unknown_binary_falls_back_to_the_declared_type() =>
        Assert.Equal("application/x-thing", FileTypeSniffer.Detect([0x00, 0x01, 0x02, 0x03], "a", "application/x-thing"));

    [Fact]
    public void Unknown_binary_without_a_declared_type_is_octet_stream()
    {
        Assert.Equal(Octet, FileTypeSniffer.Detect([0x00, 0x01, 0x02, 0x03], "a", Octet));
        Assert.Equal(Octet, FileTypeSniffer.Detect([], "a", ""));
    }

    [Theory]
    [InlineData("application/zip", true)]
    [InlineData("application/vnd.rar", true)]
    [InlineData("application/x-7z-compressed", true)]
    [InlineData(FileTypeSniffer.Docx, false)]
    [InlineData(FileTypeSniffer.Xlsx, false)]
    [InlineData("application/gzip", false)]
    public void Only_zip_rar_and_7z_are_archives(string type, bool expected) =>
        Assert.Equal(expected, FileTypeSniffer.IsArchive(type));
}
