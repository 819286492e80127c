using EvidenceMailWorker.Text;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

public sealed class PhraseIndexTests
{
    private static IReadOnlyList<string> Find(PhraseIndex index, string text) => index.Entities(VietnameseText.Tokenize(text));

    private static readonly PhraseIndex Quarters = new([("q2", "quý II"), ("q3", "quý III"), ("q4", "quý IV")]);

    [Theory]
    [InlineData("minh chứng quý II", "q2")]
    [InlineData("minh chứng quý III", "q3")]
    [InlineData("minh chứng QUÝ IV năm 2024", "q4")]
    [InlineData("minh chung quy iii", "q3")]
    public void A_match_never_starts_or_ends_inside_a_word(string text, string expected) => Assert.Equal([expected], Find(Quarters, text));

    [Fact]
    public void A_code_does_not_match_inside_a_longer_number()
    {
        var codes = new PhraseIndex([("1.1", "1.1")], allowLoose: false);
        Assert.Empty(Find(codes, "TC 1.10 ảnh.jpg"));
        Assert.Empty(Find(codes, "TC 11.1 ảnh.jpg"));
        Assert.Empty(Find(codes, "1.1.2 ảnh.jpg"));
        Assert.Equal(["1.1"], Find(codes, "1.1 ảnh.jpg"));
    }

    [Fact]
    public void An_occurrence_overlapped_by_a_longer_one_is_dropped()
    {
        var index = new PhraseIndex([("half", "6 tháng đầu năm 2024"), ("year", "năm 2024"), ("half", "6 tháng")]);
        Assert.Equal(["half"], Find(index, "Cụm 2 gửi minh chứng 6 tháng đầu năm 2024"));
        Assert.Equal(["year"], Find(index, "báo cáo năm 2024"));
    }

    private static readonly PhraseIndex NearTwins = new([("a", "Thạnh Hòa"), ("b", "Thanh Hòa"), ("c", "Ngọc Hòa")]);

    [Theory]
    [InlineData("TC 1.1 Thạnh Hòa", "a")]
    [InlineData("TC 1.1 Thạnh Hoà", "a")] // old tone placement
    [InlineData("TC 1.1 Thanh Hòa", "b")]
    [InlineData("TC 1.1 Ngoc Hoa", "c")] // unambiguous without diacritics
    [InlineData("TC 1.1 NGỌC HÒA", "c")]
    public void Without_diacritics_a_name_matches_only_when_unambiguous(string text, string expected) =>
        Assert.Equal([expected], Find(NearTwins, text));

    [Fact]
    public void An_ambiguous_name_without_diacritics_matches_nothing() => Assert.Empty(Find(NearTwins, "TC 1.1 Thanh Hoa"));

    [Fact]
    public void A_word_with_other_marks_is_not_a_name_without_diacritics()
    {
        var index = new PhraseIndex([("hoi", "hội"), ("he", "hè")]);
        Assert.Empty(Find(index, "câu hỏi về hệ thống"));
        Assert.Equal(["hoi", "he"], Find(index, "hoi trai he"));
    }

    [Fact]
    public void A_match_with_diacritics_beats_an_overlapping_longer_one_without()
    {
        // "Thanh" is written exactly as configured; "Thạnh Lộc" would only match without diacritics.
        var index = new PhraseIndex([("a", "Thanh"), ("b", "Thạnh Lộc")]);
        Assert.Equal(["a"], Find(index, "Thanh Loc"));
        Assert.Equal(["b"], Find(index, "Thạnh Loc"));
    }
}
