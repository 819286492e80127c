using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Tests.Support;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

// CONTRACT §4 on a campaign shaped unlike the sample (tests/campaigns/city): numbered wards, codes
// 1, 2, 3, 4a, 4b, 5 (Đoàn) and 1, 2, II.1, H-4 (Hội), prefixed unit names, twin school names.
public sealed class CityTests
{
    private static readonly CampaignOptions Campaign = TestCampaigns.Named(TestCampaigns.City);
    private static readonly CampaignMatcher Matcher = new(Campaign);
    private static readonly DateTimeOffset June10 = new(2025, 6, 10, 9, 0, 0, TimeSpan.FromHours(7));
    private const string DoanSubject = "Cụm 1 gửi minh chứng công tác Đoàn";

    private static MessageMatch Message(string subject, string sender, DateTimeOffset? at = null, string? text = null, params string[] files) =>
        Matcher.Match(new MessageToMatch(subject, at ?? June10, sender, files.Select(f => new FileToMatch(f)).ToList(), text));

    private static ItemMatch File(string name, string subject = DoanSubject, string sender = "p1") =>
        Message(subject, sender, files: name).Files.Single();

    [Theory]
    [InlineData("TC 1 - Phường 1.pdf", "p1")]
    [InlineData("TC 1 - P1.pdf", "p1")]
    [InlineData("TC 1 - P.1.pdf", "p1")]
    [InlineData("TC 1 - P 1.pdf", "p1")]
    [InlineData("TC 1 - phuong 1.pdf", "p1")]
    [InlineData("TC 1 - Phường 11.pdf", "p11")]
    [InlineData("TC 1 - P11.pdf", "p11")]
    [InlineData("TC 1 - Tân Tiến.pdf", "tan-tien")]
    [InlineData("TC 1 - Xa Tan Tien.pdf", "tan-tien")]
    [InlineData("TC 1 - Đoàn xã Tân Tiến.pdf", "tan-tien")]
    [InlineData("TC 1 - Điện lực thành phố.pdf", "dien-luc")]
    [InlineData("TC 1 - THCS Lê Lợi.pdf", "thcs-le-loi")]
    [InlineData("TC 1 - Trường THCS Lê Lợi.pdf", "thcs-le-loi")]
    [InlineData("TC 1 - Vị Tân.pdf", "vi-tan")]
    [InlineData("TC 1 - THPT Vị Thanh.pdf", "thpt-vi-thanh")]
    public void A_unit_is_found_by_its_short_form(string fileName, string unit) =>
        Assert.Equal([unit], File(fileName).Units);

    [Theory]
    [InlineData("TC 1 - hình 12.jpg")]
    [InlineData("TC 1 - Cụm 1 họp.pdf")]
    [InlineData("TC 1 - ảnh 1.jpg")]
    [InlineData("TC 1 - Phường 12.pdf")]
    [InlineData("TC 1 - Vị Thanh.pdf")]
    public void A_bare_number_or_the_citys_name_names_no_ward(string fileName) => Assert.Empty(File(fileName).Units);

    [Fact]
    public void A_cluster_named_by_number_in_the_subject_names_no_ward()
    {
        var match = Message("Cụm 1 gửi minh chứng Đoàn", "p1", files: "TC 1.pdf");
        Assert.Empty(match.Files.Single().Units);
        Assert.Equal(["p11"], Message("Phường 11 gửi minh chứng Đoàn", "p1", files: "TC 1.pdf").Files.Single().Units);
    }

    [Theory]
    [InlineData("p1", "thcs-nguyen-trai-p1")]
    [InlineData("hoa-tien", "thcs-nguyen-trai-hl")]
    public void Twin_unit_names_are_told_apart_by_the_senders_cluster(string sender, string unit) =>
        Assert.Equal([unit], File("TC 2 - THCS Nguyễn Trãi.pdf", sender: sender).Units);

    [Fact]
    public void A_twin_name_from_a_third_cluster_names_neither() =>
        Assert.Empty(File("TC 2 - THCS Nguyen Trai.pdf", sender: "p5").Units);

    [Theory]
    [InlineData("TC 1 - ke hoach.pdf", "1")]
    [InlineData("Tiêu chí 3.docx", "3")]
    [InlineData("4a sinh hoat.pdf", "4a")]
    [InlineData("TC4B so sach.xlsx", "4b")]
    [InlineData("tc5 hop cum.pdf", "5")]
    public void Bare_and_lettered_codes_of_the_doan_track(string fileName, string code) => Assert.Equal([code], File(fileName).Criteria);

    [Theory]
    [InlineData("3 - ke hoach.pdf")]
    [InlineData("anh 2.jpg")]
    [InlineData("4 bao cao.pdf")]
    [InlineData("TC 4 bao cao.pdf")]
    public void A_bare_number_without_a_prefix_is_no_criterion(string fileName) => Assert.Empty(File(fileName).Criteria);

    [Fact]
    public void The_track_decides_which_criterion_a_repeated_code_names()
    {
        var doan = Message("Cụm 3 gửi minh chứng Đoàn", "hoa-luu", files: "TC 1.pdf");
        var hoi = Message("Cụm 3 gửi minh chứng Hội", "hoa-luu", files: "TC 1.pdf");
        Assert.Equal("dtn", doan.TrackId);
        Assert.Equal(["1"], doan.Files.Single().Criteria);
        Assert.Equal("hlhtn", hoi.TrackId);
        Assert.Equal(["1"], hoi.Files.Single().Criteria);
    }

    [Fact]
    public void Without_a_track_a_repeated_code_names_no_criterion_and_asks_for_the_track()
    {
        var match = Message("Cụm 3 gửi minh chứng", "hoa-luu", files: "TC 1 - ke hoach.pdf");
        Assert.Null(match.TrackId);
        Assert.Empty(match.Files.Single().Criteria);
        Assert.Equal(["1"], match.Files.Single().CodesNeedingTrack);
        Assert.Equal(["1"], Matcher.CodesOfSeveralTracks("TC 1 - ke hoach.pdf"));
    }

    [Fact]
    public void Without_a_track_a_code_of_one_track_decides_it_for_the_repeated_ones()
    {
        var match = Message("Cụm 3 gửi minh chứng", "hoa-luu", files: ["TC 1 - ke hoach.pdf", "II-1 khoi nghiep.pdf"]);
        Assert.Equal("hlhtn", match.TrackId);
        Assert.Equal([["1"], ["II.1"]], match.Files.Select(f => f.Criteria));
    }

    [Fact]
    public void Without_a_track_a_keyword_of_a_repeated_code_suggests_nothing()
    {
        // "hội viên" is a keyword of Hội code 1 only, but code 1 is also Đoàn's: without a track the
        // receipt must ask, not guess.
        var file = Message("Cụm 3 gửi minh chứng", "hoa-luu", files: "danh sach hoi vien.xlsx").Files.Single();
        Assert.Empty(file.Criteria);
        Assert.Equal(["1"], file.CodesNeedingTrack);
    }

    [Fact]
    public void Codes_of_the_other_track_are_reported_not_matched()
    {
        var file = File("II.1 khoi nghiep.pdf");
        Assert.Empty(file.Criteria);
        Assert.Equal(["II.1"], file.OtherTrackCodes);
    }

    [Theory]
    [InlineData(2025, 6, 10, "2025-6t", false)]
    [InlineData(2025, 6, 20, "2025-6t", true)]
    [InlineData(2025, 6, 23, "2025-9t", false)]
    [InlineData(2025, 9, 16, "2025-9t", true)]
    [InlineData(2025, 12, 20, "2025-nam", true)]
    public void Periods_listed_out_of_order_are_decided_by_deadline(int y, int m, int d, string period, bool late)
    {
        var match = Message("Cụm 1 gửi minh chứng", "p1", new DateTimeOffset(y, m, d, 9, 0, 0, TimeSpan.FromHours(7)));
        Assert.Equal((period, late), (match.PeriodId, match.Late!.Value));
    }

    [Fact]
    public void Link_hosts_come_from_config()
    {
        const string text = "TC 2 - CLB: https://drive.google.com/x\nTC 1 anh: https://photos.google.com/share/y";
        Assert.Equal(["https://drive.google.com/x"], Message("Minh chứng Hội", "p4", text: text).Links.Select(l => l.Url));
        var photos = new CampaignMatcher(Campaign, new UnderstandingOptions { LinkHosts = ["photos.google.com"] });
        var links = photos.Match(new MessageToMatch("Minh chứng Hội", June10, "p4", [], text)).Links;
        Assert.Equal(["https://photos.google.com/share/y"], links.Select(l => l.Url));
        Assert.Equal(["1"], links.Single().Match.Criteria);
        Assert.Equal(["p4"], links.Single().Match.Units);
    }
}
