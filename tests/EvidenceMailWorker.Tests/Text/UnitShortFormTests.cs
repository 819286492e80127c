using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Tests.Text;

// Unit names as unit lists write them: the organisational prefix dropped, numbered wards keeping their
// word, and the campaign-wide rules that keep a short form from naming something else.
public sealed class UnitShortFormTests
{
    [Theory]
    [InlineData("Đoàn xã Tân Hiệp", "Tân Hiệp|Xã Tân Hiệp")]
    [InlineData("Chi đoàn Điện lực thành phố", "Điện lực thành phố")]
    [InlineData("Đoàn trường THCS Lê Lợi", "THCS Lê Lợi|Trường THCS Lê Lợi")]
    [InlineData("Liên chi đoàn Khoa Kinh tế", "Khoa Kinh tế")]
    [InlineData("Đoàn cơ sở Công an thành phố", "Công an thành phố")]
    [InlineData("Xã đoàn Vị Tân", "Vị Tân|Xã Vị Tân")]
    [InlineData("Xã Ngọc Hòa", "Ngọc Hòa")]
    [InlineData("Thị trấn Giồng Riềng", "Giồng Riềng")]
    [InlineData("Đoàn Khối cơ quan huyện", "cơ quan huyện|Khối cơ quan huyện")]
    [InlineData("doan xa Tan Hiep", "Tan Hiep|Xã Tan Hiep")]
    public void The_organisational_prefix_is_dropped(string name, string forms) =>
        Assert.Equal(forms.Split('|'), UnitShortForms.Of(name));

    [Theory]
    [InlineData("Phường 1", "Phường 1|P1|P 1")]
    [InlineData("Đoàn phường 10", "Phường 10|P10|P 10")]
    [InlineData("Xã 3", "Xã 3")]
    [InlineData("Phường IV", "Phường IV")]
    [InlineData("Phường 1A", "Phường 1A|P1A|P 1A")]
    [InlineData("Xã B", "Xã B")]
    public void A_number_keeps_its_word(string name, string forms) =>
        Assert.Equal(forms.Split('|'), UnitShortForms.Of(name));

    [Fact]
    public void A_name_typed_with_combining_marks_gives_the_same_short_form() =>
        Assert.Equal(["Tân Hiệp", "Xã Tân Hiệp"], UnitShortForms.Of("Đoàn xã Tân Hiệp".Normalize(System.Text.NormalizationForm.FormD)));

    [Theory]
    [InlineData("Xà Phiên")] // a commune, not "Xã Phiên"
    [InlineData("Phương Thạnh")] // not "Phường Thạnh"
    public void A_first_word_with_other_marks_is_not_a_prefix(string name) => Assert.Empty(UnitShortForms.Of(name));

    [Theory]
    [InlineData("Công an huyện")]
    [InlineData("THPT Giồng Riềng")]
    [InlineData("Phường")]
    public void A_name_without_a_prefix_has_no_short_form(string name) => Assert.Empty(UnitShortForms.Of(name));

    private static UnitPhrases Build(params (string Id, string Name, string Cluster)[] units) =>
        UnitPhrases.Build(units.Select(u => new UnitEntry(u.Id, u.Name, [], u.Cluster)).ToList(), ["Cụm 1", "Cụm Bình Minh"], "Huyện đoàn Giồng Riềng");

    [Fact]
    public void A_single_word_shared_with_another_unit_is_no_short_form()
    {
        var phrases = Build(("tay", "Xã Tây", "c1"), ("tay-yen", "Xã Tây Yên", "c1"));
        Assert.DoesNotContain(phrases.Phrases, p => p.UnitId == "tay" && p.Text == "Tây");
        Assert.Contains(phrases.Phrases, p => p.UnitId == "tay-yen" && p.Text == "Tây Yên");
        Assert.Contains(phrases.Dropped, d => d.UnitId == "tay" && d.Why.Contains("'tay-yen'"));
    }

    [Fact]
    public void A_single_word_of_a_cluster_name_is_no_short_form() =>
        Assert.Contains(Build(("binh", "Xã Bình", "c1")).Dropped, d => d.Text == "Bình" && d.Why.Contains("cluster"));

    [Fact]
    public void A_part_of_the_organisations_name_is_no_short_form() =>
        Assert.Contains(Build(("tt", "Thị trấn Giồng Riềng", "c1")).Dropped, d => d.Text == "Giồng Riềng" && d.Why.Contains("organisation"));

    [Fact]
    public void Two_units_of_one_cluster_with_one_short_form_both_lose_it()
    {
        var phrases = Build(("xa", "Xã Tân Hiệp", "c1"), ("tt", "Thị trấn Tân Hiệp", "c1"));
        Assert.DoesNotContain(phrases.Phrases, p => p.Text == "Tân Hiệp");
        Assert.Equal(2, phrases.Dropped.Count(d => d.Text == "Tân Hiệp"));
    }

    [Fact]
    public void Units_of_different_clusters_keep_a_shared_short_form()
    {
        var phrases = Build(("xa", "Xã Tân Hiệp", "c1"), ("tt", "Thị trấn Tân Hiệp", "c2"));
        Assert.Equal(["tt", "xa"], phrases.Phrases.Where(p => p.Text == "Tân Hiệp").Select(p => p.UnitId).Order());
    }
}
