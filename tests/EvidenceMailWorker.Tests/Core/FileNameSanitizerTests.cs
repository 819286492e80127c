using System.Text;
using EvidenceMailWorker.Core;
using Xunit;

namespace EvidenceMailWorker.Tests.Core;

public class FileNameSanitizerTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\Windows\evil.exe", "evil.exe")]
    [InlineData(@"a/b\c.pdf", "c.pdf")]
    [InlineData("TC 1.1 - Kế hoạch học tập Nghị quyết.pdf", "TC 1.1 - Kế hoạch học tập Nghị quyết.pdf")]
    [InlineData("ảnh <1>: \"đẹp\"|?*.jpg", "ảnh _1__ _đẹp____.jpg")]
    [InlineData("báo cáo. . .", "báo cáo")]
    [InlineData("tab\there\u007f.txt", "tab_here_.txt")]
    [InlineData("hoso\u202Efdp.exe", "hoso_fdp.exe")]
    [InlineData("CON", "_CON")]
    [InlineData("con.txt", "_con.txt")]
    [InlineData("LPT9.tar.gz", "_LPT9.tar.gz")]
    [InlineData("COM10.txt", "COM10.txt")]
    [InlineData("CONSOLE.txt", "CONSOLE.txt")]
    [InlineData("", "untitled")]
    [InlineData("   ", "untitled")]
    [InlineData(null, "untitled")]
    [InlineData("..", "untitled")]
    [InlineData("folder/", "untitled")]
    public void Sanitizes(string? original, string expected) =>
        Assert.Equal(expected, FileNameSanitizer.Sanitize(original));

    [Fact]
    public void Composes_decomposed_vietnamese()
    {
        var nfd = "Kế hoạch.pdf".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Kế hoạch.pdf", nfd);
        Assert.Equal("Kế hoạch.pdf", FileNameSanitizer.Sanitize(nfd));
    }

    [Fact]
    public void Keeps_every_vietnamese_letter()
    {
        const string letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        foreach (var name in new[] { letters + ".txt", letters.ToUpperInvariant() + ".txt" })
            Assert.Equal(name, FileNameSanitizer.Sanitize(name));
    }

    [Fact]
    public void Shortens_overlong_names_keeping_the_extension()
    {
        var name = string.Concat(Enumerable.Repeat("Nghị quyết ", 40)) + ".docx";
        var result = FileNameSanitizer.Sanitize(name);
        Assert.EndsWith(".docx", result);
        Assert.True(Encoding.UTF8.GetByteCount(result) <= 240);
        Assert.Equal(result.Normalize(NormalizationForm.FormC), result);
    }

    [Theory]
    [InlineData(@"Tiêu chí 1.1\ảnh 1.jpg", "Tiêu chí 1.1/ảnh 1.jpg")]
    [InlineData("/abs/./x//y.pdf", "abs/x/y.pdf")]
    [InlineData("../../../etc/passwd", "etc/passwd")]
    [InlineData("folder/", "folder")]
    public void Normalizes_archive_paths(string path, string expected) =>
        Assert.Equal(expected, FileNameSanitizer.NormalizeArchivePath(path));

    [Fact]
    public void Archive_paths_are_nfc() =>
        Assert.Equal("Tiêu chí/ảnh.jpg", FileNameSanitizer.NormalizeArchivePath("Tiêu chí/ảnh.jpg".Normalize(NormalizationForm.FormD)));
}
