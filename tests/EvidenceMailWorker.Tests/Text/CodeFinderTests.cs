using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Tests.Text;

// Criterion codes in every form Vietnamese criteria sets use, found as one token each (issue: any
// district's campaign), with the prefix rule for codes that look like ordinary numbers or words.
public sealed class CodeFinderTests
{
    private static readonly string[] Codes = ["1", "2", "12", "1.1", "2.3.1", "I.1", "II.3", "IV", "A", "H1.2", "TN-1", "H-4", "1a", "2b", "1.1a"];
    private static readonly CodeFinder Finder = new(Codes.Select(c => CodeForm.Parse(c)!));

    private static string[] Keys(params string[] codes) => codes.Select(c => CodeForm.Parse(c)!.Key).ToArray();

    [Theory]
    [InlineData("1.1 bao cao.docx", "1.1")]
    [InlineData("2.3.1 - ke hoach.pdf", "2.3.1")]
    [InlineData("I.1 Ke hoach.pdf", "I.1")]
    [InlineData("i-1 ke hoach.pdf", "I.1")]
    [InlineData("II_3 anh.jpg", "II.3")]
    [InlineData("H1.2 hoi vien.pdf", "H1.2")]
    [InlineData("h-1.2 hoi vien.pdf", "H1.2")]
    [InlineData("TN-1 danh sach.xlsx", "TN-1")]
    [InlineData("tn.1 danh sach.xlsx", "TN-1")]
    [InlineData("H4_ke hoach.docx", "H-4")]
    [InlineData("1a - sinh hoat.pdf", "1a")]
    [InlineData("2B so sach.xlsx", "2b")]
    [InlineData("1.1a_anh.jpg", "1.1a")]
    [InlineData("1.1-a_anh.jpg", "1.1a")]
    public void A_code_that_cannot_be_an_ordinary_word_needs_no_prefix(string text, string code) =>
        Assert.Equal(Keys(code), Finder.Find(text));

    [Theory]
    [InlineData("TC 1 - ke hoach.pdf", "1")]
    [InlineData("TC1_ke hoach.pdf", "1")]
    [InlineData("TC-12 anh.jpg", "12")]
    [InlineData("TC.2 anh.jpg", "2")]
    [InlineData("tc_2 anh.jpg", "2")]
    [InlineData("Tiêu chí 12 - bao cao.pdf", "12")]
    [InlineData("Tieu chi IV.pdf", "IV")]
    [InlineData("tieu-chi-2.pdf", "2")]
    [InlineData("[TC A] phu luc.pdf", "A")]
    [InlineData("TC 01 - ke hoach.pdf", "1")]
    public void A_bare_number_a_single_letter_or_a_lone_roman_numeral_counts_after_a_prefix(string text, string code) =>
        Assert.Equal(Keys(code), Finder.Find(text));

    [Theory]
    [InlineData("hình 12.jpg")]
    [InlineData("anh 1.jpg")]
    [InlineData("Phụ lục A.pdf")]
    [InlineData("Phường IV.pdf")]
    [InlineData("Cụm 2 bao cao.pdf")]
    [InlineData("IMG_0012.jpg")]
    public void Without_a_prefix_such_a_code_is_just_a_number_or_a_word(string text) => Assert.Empty(Finder.Find(text));

    [Theory]
    [InlineData("TC 1.10 anh.jpg")]
    [InlineData("TC 11.1 anh.jpg")]
    [InlineData("Scan 21.1.1.pdf")]
    [InlineData("1.1.2 bao cao.pdf")]
    [InlineData("HH1.2.pdf")]
    [InlineData("XH-4.pdf")]
    [InlineData("1ab.pdf")]
    public void A_code_never_matches_inside_a_longer_code_number_or_word(string text) => Assert.Empty(Finder.Find(text));

    [Theory]
    [InlineData("1.1Kehoach.pdf", "1.1")]
    [InlineData("TC1.1baocao.docx", "1.1")]
    [InlineData("Baocao1.1.pdf", "1.1")]
    public void A_word_written_onto_a_code_does_not_hide_it(string text, string code) => Assert.Equal(Keys(code), Finder.Find(text));

    [Fact]
    public void Letters_alone_count_only_after_a_prefix()
    {
        var finder = new CodeFinder([CodeForm.Parse("DA")!]);
        Assert.Empty(finder.Find("Biên bản đã ký.pdf"));
        Assert.Equal([CodeForm.Parse("DA")!.Key], finder.Find("TC DA - bien ban.pdf"));
        Assert.Null(CodeForm.Parse("TC"));
    }

    [Fact]
    public void The_longer_code_wins_where_two_start_at_one_place()
    {
        Assert.Equal(Keys("1.1a"), Finder.Find("TC 1.1a.pdf"));
        Assert.Equal(Keys("1.1"), Finder.Find("TC 1.1 a.pdf"));
        Assert.Equal(Keys("2.3.1"), Finder.Find("Tiêu chí 2.3.1.pdf"));
    }

    [Fact]
    public void A_code_beginning_with_tc_is_still_matched()
    {
        var finder = new CodeFinder([CodeForm.Parse("TC1")!, CodeForm.Parse("TC-2.1")!]);
        Assert.Equal([CodeForm.Parse("TC1")!.Key], finder.Find("TC1 - ke hoach.pdf"));
        Assert.Equal([CodeForm.Parse("TC1")!.Key], finder.Find("Tiêu chí 1.pdf"));
        Assert.Equal([CodeForm.Parse("TC-2.1")!.Key], finder.Find("2.1 anh.jpg"));
    }

    [Fact]
    public void Several_codes_in_one_name_are_found_in_order() =>
        Assert.Equal(Keys("H1.2", "1a", "1"), Finder.Find("H1.2 + 1a + TC 1 ke hoach chung.pdf"));

    [Theory]
    [InlineData("1", true)]
    [InlineData("12", true)]
    [InlineData("IV", true)]
    [InlineData("A", true)]
    [InlineData("TC3", true)]
    [InlineData("1.1", false)]
    [InlineData("I.1", false)]
    [InlineData("1a", false)]
    [InlineData("H-4", false)]
    [InlineData("DA", true)]
    public void Which_codes_need_the_prefix(string code, bool needsPrefix) => Assert.Equal(needsPrefix, CodeForm.Parse(code)!.NeedsPrefix);

    [Theory]
    [InlineData("1.1", "1-1")]
    [InlineData("1.1", "1_1")]
    [InlineData("H1.2", "h-1.2")]
    [InlineData("1a", "1.A")]
    [InlineData("TC3", "3")]
    [InlineData("TC 3", null)]
    public void Separators_and_case_do_not_tell_codes_apart(string code, string? same)
    {
        if (same is null)
            Assert.Null(CodeForm.Parse(code));
        else
            Assert.Equal(CodeForm.Parse(code)!.Key, CodeForm.Parse(same)!.Key);
    }
}
