using EvidenceMailWorker.Text;
using System.Text;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

public sealed class VietnameseTextTests
{
    private static string[] Words(string text) => VietnameseText.Tokenize(text).Select(t => t.Loose).ToArray();

    [Theory]
    [InlineData("TC 1.1 - Kế hoạch.pdf", new[] { "tc", "1.1", "ke", "hoach", "pdf" })]
    [InlineData("1.1_bao cao.docx", new[] { "1.1", "bao", "cao", "docx" })]
    [InlineData("Tiêu chí 1.10/ảnh 1.jpg", new[] { "tieu", "chi", "1.10", "anh", "1", "jpg" })]
    [InlineData("H1.1-Hội viên", new[] { "h1.1", "hoi", "vien" })]
    [InlineData("ngày 26/3/2024", new[] { "ngay", "26", "3", "2024" })]
    [InlineData("  nhiều   khoảng\ttrắng \n ", new[] { "nhieu", "khoang", "trang" })]
    [InlineData("1.1.pdf", new[] { "1.1", "pdf" })]
    [InlineData("(TC.2.3)", new[] { "tc", "2.3" })]
    public void Words_are_split_on_everything_but_letters_digits_and_a_dot_between_digits(string text, string[] expected) =>
        Assert.Equal(expected, Words(text));

    [Theory]
    [InlineData("Hoà", "Hòa")]
    [InlineData("Thuỷ", "Thủy")]
    [InlineData("HÒA", "hòa")]
    [InlineData("Đoàn", "đoàn")]
    public void Tone_placement_and_case_do_not_matter(string a, string b) =>
        Assert.Equal(VietnameseText.Tokenize(a).Single().Exact, VietnameseText.Tokenize(b).Single().Exact);

    [Fact]
    public void Decomposed_text_compares_equal_to_composed_text()
    {
        var nfd = "Thạnh Hòa".Normalize(NormalizationForm.FormD);
        Assert.Equal(VietnameseText.Tokenize("Thạnh Hòa").Select(t => t.Exact), VietnameseText.Tokenize(nfd).Select(t => t.Exact));
    }

    [Theory]
    [InlineData("Thạnh", "thanh", false)]
    [InlineData("Đoàn", "doan", false)]
    [InlineData("Ðoàn", "doan", false)] // U+00D0 from legacy encodings
    [InlineData("thanh", "thanh", true)]
    public void The_loose_form_has_no_marks_and_d_for_dj(string word, string loose, bool bare)
    {
        var token = VietnameseText.Tokenize(word).Single();
        Assert.Equal((loose, bare), (token.Loose, token.Bare));
    }

    [Fact]
    public void Different_marks_are_different_words() =>
        Assert.NotEqual(VietnameseText.Tokenize("Thạnh").Single().Exact, VietnameseText.Tokenize("Thành").Single().Exact);

    [Fact]
    public void Fold_collapses_whitespace_and_case() => Assert.Equal("cụm 2 gửi", VietnameseText.Fold("  CỤM   2\tgửi "));
}
