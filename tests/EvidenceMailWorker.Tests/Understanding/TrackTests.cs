using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

// CONTRACT §4 Track: subject keywords when exactly one track; else the track all codes share; else null.
public sealed class TrackTests
{
    [Theory]
    [InlineData("Cụm 2 gửi minh chứng 6 tháng đầu năm 2024 - công tác Đoàn", "doan")]
    [InlineData("Minh chứng TTN quý II", "doan")]
    [InlineData("Minh chứng công tác Hội quý II", "hoi")]
    [InlineData("Cum 3 gui minh chung Hoi LHTN", "hoi")]
    [InlineData("MINH CHỨNG ĐOÀN", "doan")]
    public void Subject_keywords_of_one_track_decide(string subject, string track) =>
        Assert.Equal(track, Sample.Message(subject, files: new FileToMatch("H1.1 ảnh.jpg")).TrackId);

    [Fact]
    public void A_subject_with_both_tracks_lets_the_codes_decide()
    {
        var match = Sample.Message("Minh chứng Đoàn - Hội quý II", files: [new FileToMatch("TC H1.1 hội viên.pdf"), new FileToMatch("H2.3 hiến máu.jpg")]);
        Assert.Equal("hoi", match.TrackId);
    }

    [Fact]
    public void Codes_of_one_track_decide_when_the_subject_names_none()
    {
        var match = Sample.Message("Cụm 2 gửi minh chứng quý II", files: [new FileToMatch("TC 1.1 ke hoach.pdf"), new FileToMatch("a.jpg", "Tiêu chí 2.3/a.jpg", "mc.zip")]);
        Assert.Equal("doan", match.TrackId);
    }

    [Fact]
    public void A_link_line_code_counts_for_the_track() =>
        Assert.Equal("hoi", Sample.Message("Minh chứng quý II", text: "H1.2 năm xung kích: https://drive.google.com/drive/folders/abc").TrackId);

    [Fact]
    public void Codes_of_two_tracks_give_no_track()
    {
        var match = Sample.Message("Cụm 2 gửi minh chứng", files: [new FileToMatch("TC 1.1.pdf"), new FileToMatch("H1.1.pdf")]);
        Assert.Null(match.TrackId);
        Assert.Equal([["1.1"], ["H1.1"]], match.Files.Select(f => f.Criteria));
    }

    [Fact]
    public void The_body_is_not_read_for_the_track() =>
        Assert.Null(Sample.Message("Cụm 2 gửi minh chứng", text: "Trân trọng,\nBí thư Đoàn xã Ngọc Chúc").TrackId);
}
