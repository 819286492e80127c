using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

// CONTRACT §4 Unit of a file, including the sample's near collisions (Thạnh/Thành/Thanh, Hòa …, Long Thạnh).
public sealed class UnitTests
{
    [Theory]
    [InlineData("TC 1.1 - Xã Ngọc Hòa.pdf", "xa-ngoc-hoa")]
    [InlineData("TC 1.1 - Ngọc Hòa.pdf", "xa-ngoc-hoa")]
    [InlineData("TC 1.1 - Ngọc Hoà.pdf", "xa-ngoc-hoa")] // old tone placement
    [InlineData("TC 1.1 - ngoc hoa.pdf", "xa-ngoc-hoa")]
    [InlineData("TC 1.1 - NGOC THANH.pdf", "xa-ngoc-thanh")]
    [InlineData("TC 1.1 - Thạnh Hưng.pdf", "xa-thanh-hung")]
    [InlineData("TC 1.1 - Hòa Hưng.pdf", "xa-hoa-hung")]
    [InlineData("TC 1.1 - Thanh Hung.pdf", "xa-thanh-hung")]
    [InlineData("TC 1.1 - Hoa Hung.pdf", "xa-hoa-hung")]
    [InlineData("TC 1.1 - Thanh Hoa.pdf", "xa-thanh-hoa")]
    [InlineData("TC 2.3 - CA huyện.pdf", "ca-huyen")]
    [InlineData("TC 2.3 - Quân sự huyện.pdf", "qs-huyen")]
    [InlineData("TC 4.1 - THPT Hòa Thuận.pdf", "thpt-hoa-thuan")] // not also xa-hoa-thuan: the longer name wins
    [InlineData("TC 4.1 - Hòa Thuận.pdf", "xa-hoa-thuan")]
    [InlineData("TC 4.1 - THPT Long Thanh.pdf", "thpt-long-thanh")]
    [InlineData("TC 4.1 - Long Thạnh.pdf", "xa-long-thanh")]
    [InlineData("TC 1.1 - Vinh Thanh.pdf", "xa-vinh-thanh")]
    [InlineData("TC 1.1 Ban Tan Dinh.pdf", "xa-ban-tan-dinh")]
    [InlineData("TC 1.1 Bàn Thạch.pdf", "xa-ban-thach")]
    public void A_unit_name_or_alias_in_the_file_name_names_its_unit(string fileName, string unit)
    {
        var match = Sample.File(fileName);
        Assert.Equal([unit], match.Units);
        Assert.Equal(UnitSource.Named, match.UnitSource);
    }

    [Theory]
    [InlineData("TC 1.1 - Ngọc Thạnh.pdf", "xa-ngoc-thanh")] // no such unit, but not "Ngọc Thành" either:
    public void A_name_with_other_marks_is_not_that_unit(string fileName, string notUnit) =>
        Assert.DoesNotContain(notUnit, Sample.File(fileName).Units);

    [Fact]
    public void Ngoc_Thanh_with_a_grave_is_not_Thanh_Hoa_or_any_Thanh() =>
        Assert.Equal(["xa-ngoc-thanh"], Sample.File("TC 1.1 Ngọc Thành.pdf").Units);

    [Fact]
    public void Several_units_in_one_name_are_all_recorded() =>
        Assert.Equal(["xa-ngoc-thuan", "xa-ngoc-hoa"], Sample.File("TC 2.1 Ngọc Hòa - Ngọc Thuận.pdf").Units);

    [Fact]
    public void A_folder_names_the_unit_of_the_files_inside() =>
        Assert.Equal(["xa-ban-thach"], Sample.Entry("Xa Ban Thach/TC 1.1/anh.jpg").Units);

    [Fact]
    public void The_archive_name_names_the_unit_of_its_entries() =>
        Assert.Equal(["xa-hoa-loi"], Sample.Entry("Tiêu chí 1.1/anh.jpg", archiveName: "Hoa Loi.zip", subject: "Cụm 3 gửi minh chứng").Units);

    [Fact]
    public void Otherwise_the_unit_named_in_the_subject()
    {
        var match = Sample.File("TC 1.1.pdf", subject: "Xã Ngọc Thuận gửi minh chứng quý II");
        Assert.Equal(["xa-ngoc-thuan"], match.Units);
        Assert.Equal(UnitSource.Subject, match.UnitSource);
    }

    [Fact]
    public void Otherwise_the_senders_unit_when_not_the_leader_or_deputy()
    {
        var member = Sample.File("TC 1.1.pdf", subject: "Gửi minh chứng", sender: Sample.Member);
        Assert.Equal(["xa-ngoc-thuan"], member.Units);
        Assert.Equal(UnitSource.Sender, member.UnitSource);
        var leader = Sample.File("TC 1.1.pdf", subject: "Gửi minh chứng", sender: Sample.Leader);
        Assert.Empty(leader.Units);
        Assert.Equal(UnitSource.None, leader.UnitSource);
        var deputy = Sample.File("TC 1.1.pdf", subject: "Gửi minh chứng", sender: "xa-ngoc-thanh");
        Assert.Empty(deputy.Units);
    }

    [Fact]
    public void A_subject_naming_two_units_names_none() =>
        Assert.Empty(Sample.File("TC 1.1.pdf", subject: "Ngọc Hòa và Ngọc Thuận gửi minh chứng").Units);

    [Fact]
    public void The_district_name_is_not_the_town()
    {
        // "Thị trấn Giồng Riềng" is not shortened: every subject greets "Huyện đoàn Giồng Riềng".
        Assert.Empty(Sample.File("TC 1.1.pdf", subject: "Kính gửi Huyện đoàn Giồng Riềng").Units);
        Assert.Equal(["tt-giong-rieng"], Sample.File("TC 1.1 TT Giồng Riềng.pdf").Units);
    }

    [Fact]
    public void An_added_twin_makes_the_name_without_diacritics_ambiguous()
    {
        var campaign = Sample.Modified(c => c.Units.Add(new() { Id = "xa-thanh-hoa-2", Name = "Xã Thanh Hòa", Emails = ["x@example.org"] }));
        var matcher = new CampaignMatcher(campaign);
        ItemMatch Of(string name) => matcher.Match(new("minh chứng", Sample.June8, Sample.Leader, [new FileToMatch(name)])).Files.Single();
        Assert.Empty(Of("TC 1.1 Thanh Hoa.pdf").Units);
        Assert.Equal(["xa-thanh-hoa"], Of("TC 1.1 Thạnh Hòa.pdf").Units);
        Assert.Equal(["xa-thanh-hoa-2"], Of("TC 1.1 Thanh Hòa.pdf").Units);
    }

    [Fact]
    public void A_configured_alias_with_a_roman_numeral_matches_as_written()
    {
        var campaign = Sample.Modified(c => c.Units.Single(u => u.Id == "xa-vinh-phu").Aliases.Add("ấp Vĩnh Phú III"));
        var matcher = new CampaignMatcher(campaign);
        var match = matcher.Match(new("minh chứng", Sample.June8, Sample.Leader, [new FileToMatch("TC 1.1 ap Vinh Phu III.pdf")])).Files.Single();
        Assert.Equal(["xa-vinh-phu"], match.Units);
    }
}
