using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

// CONTRACT §4 Criterion of a file, with the names cluster leaders actually send.
public sealed class CriterionTests
{
    [Theory]
    [InlineData("TC 1.1 - Kế hoạch học tập Nghị quyết.pdf", "1.1")]
    [InlineData("TC1.1_ke hoach.docx", "1.1")]
    [InlineData("tc1.2.pdf", "1.2")]
    [InlineData("Tiêu chí 2.1 - Báo cáo.docx", "2.1")]
    [InlineData("tieu chi 2.3 anh tien quan.jpg", "2.3")]
    [InlineData("TIÊU CHÍ 4.5 biên bản họp cụm.pdf", "4.5")]
    [InlineData("1.1_bao cao.docx", "1.1")]
    [InlineData("1.1 - bao cao.docx", "1.1")]
    [InlineData("3.2.jpg", "3.2")]
    [InlineData("[TC 5.1] Ke hoach.pdf", "5.1")]
    [InlineData("TC.2.4 bien ban ban giao.pdf", "2.4")]
    [InlineData("Tiêu chí 1.4 (Ngọc Hòa).pdf", "1.4")]
    public void A_code_token_names_the_criterion(string fileName, string code)
    {
        var match = Sample.File(fileName);
        Assert.Equal([code], match.Criteria);
        Assert.Equal(CriterionSource.Code, match.CriterionSource);
    }

    [Theory]
    [InlineData("TC 1.10 ảnh.jpg")]
    [InlineData("TC 11.1 ảnh.jpg")]
    [InlineData("Scan 21.12.2023.pdf")]
    [InlineData("IMG_20240315_101112.jpg")]
    public void A_code_never_matches_inside_a_longer_number(string fileName) => Assert.Empty(Sample.File(fileName).Criteria);

    [Fact]
    public void Several_codes_in_one_name_are_all_recorded() =>
        Assert.Equal(["1.1", "1.2"], Sample.File("TC 1.2 + TC 1.1 ke hoach chung.pdf").Criteria);

    [Fact]
    public void A_folder_of_the_archive_path_names_the_criterion()
    {
        var match = Sample.Entry("Tiêu chí 2.1/Mùa hè xanh/anh 1.jpg");
        Assert.Equal(["2.1"], match.Criteria);
    }

    [Fact]
    public void The_file_name_wins_over_its_folder() =>
        Assert.Equal(["1.2"], Sample.Entry("Tiêu chí 1.1/TC 1.2 dang ky lam theo.pdf").Criteria);

    [Fact]
    public void The_archive_name_counts_as_the_outermost_folder() =>
        Assert.Equal(["4.1"], Sample.Entry("anh/IMG_0001.jpg", archiveName: "TC 4.1 ket nap doan vien.zip").Criteria);

    [Fact]
    public void Codes_of_another_track_are_not_matched_when_the_message_has_a_track()
    {
        var match = Sample.File("H1.1 hoc tap nghi quyet.pdf", subject: "Minh chứng công tác Đoàn quý II");
        Assert.Empty(match.Criteria);
        Assert.Equal(["H1.1"], match.OtherTrackCodes);
    }

    [Fact]
    public void A_doan_code_does_not_match_inside_a_hoi_code() =>
        Assert.Equal(["H1.1"], Sample.File("TC H1.1 ke hoach.pdf", subject: "Minh chứng công tác Hội").Criteria);

    [Theory]
    [InlineData("Kế hoạch quán triệt nghị quyết.docx", "1.1")]
    [InlineData("ke hoach quan triet nghi quyet.docx", "1.1")]
    [InlineData("Danh sách kết nạp Đảng.xlsx", "4.2")] // "kết nạp Đảng" (4.2) is longer than "kết nạp" (4.1)
    [InlineData("Anh mua he xanh 2024.jpg", "2.1")] // "mùa hè xanh" (2.1) beats "hè" (5.2)
    [InlineData("Ke hoach phat dong thi dua cua cum.pdf", "4.5")]
    [InlineData("Hien mau nhan dao.jpg", "3.2")] // 3.2 and H2.3 share "hiến máu"; the track is Đoàn
    public void Without_a_code_the_keywords_of_exactly_one_criterion_suggest_it(string fileName, string code)
    {
        var match = Sample.File(fileName);
        Assert.Equal([code], match.Criteria);
        Assert.Equal(CriterionSource.Keyword, match.CriterionSource);
    }

    [Theory]
    [InlineData("Biên bản bàn giao công trình.pdf")] // 4.3 "biên bản" and 2.4 "bàn giao"
    [InlineData("anh 1.jpg")]
    [InlineData("Câu hỏi hệ thống.docx")] // hỏi/hệ are not hội/hè written without marks
    public void Keywords_of_no_criterion_or_of_several_suggest_nothing(string fileName) =>
        Assert.Equal(CriterionSource.None, Sample.File(fileName).CriterionSource);

    [Fact]
    public void Without_a_track_a_keyword_shared_by_two_tracks_suggests_nothing() =>
        Assert.Empty(Sample.File("Hien mau nhan dao.jpg", subject: "Cụm 2 gửi minh chứng").Criteria);

    [Fact]
    public void Keywords_are_not_read_when_the_name_has_a_code() =>
        Assert.Equal(["1.3"], Sample.File("TC 1.3 ket nap doan vien.jpg").Criteria);
}
