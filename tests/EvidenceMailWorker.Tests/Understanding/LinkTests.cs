using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

// CONTRACT §4 Links.
public sealed class LinkTests
{
    private const string Subject = "Cụm 2 gửi minh chứng công tác Đoàn quý II";

    [Fact]
    public void Document_store_urls_in_the_text_body_are_links_matched_by_their_line()
    {
        var text = """
            Kính gửi Văn phòng Huyện đoàn,
            TC 1.1 - Ngọc Hòa: https://drive.google.com/drive/folders/1AbCdEf?usp=sharing.
            Tiêu chí 2.1 (Bàn Thạch) https://1drv.ms/f/s!AkLm,
            Ảnh hoạt động: https://www.facebook.com/doanxangocchuc/posts/123)
            Xem thêm https://thanhnien.vn/bai-viet-123.htm
            Trân trọng.
            """;
        var links = Sample.Message(Subject, text: text).Links;
        Assert.Equal(
            [
                ("https://drive.google.com/drive/folders/1AbCdEf?usp=sharing", "1.1", "xa-ngoc-hoa"),
                ("https://1drv.ms/f/s!AkLm", "2.1", "xa-ban-thach"),
                ("https://www.facebook.com/doanxangocchuc/posts/123", "", ""),
            ],
            links.Select(l => (l.Url, string.Join(",", l.Match.Criteria), string.Join(",", l.Match.Units))));
    }

    [Fact]
    public void A_url_in_both_the_text_and_the_html_part_is_listed_once_with_html_entities_decoded()
    {
        const string url = "https://docs.google.com/document/d/1x/edit?usp=sharing&ouid=42";
        var text = $"TC 4.1 Ngọc Thuận {url}";
        var html = """
            <div dir="ltr"><div>TC 4.1 Ngọc Thuận <a href="https://docs.google.com/document/d/1x/edit?usp=sharing&amp;ouid=42">tài liệu</a></div>
            <div><br></div><div>Trân trọng</div></div>
            """;
        var links = Sample.Message(Subject, text: text, html: html).Links;
        var link = Assert.Single(links);
        Assert.Equal(url, link.Url);
        Assert.Equal(["4.1"], link.Match.Criteria);
        Assert.Equal(["xa-ngoc-thuan"], link.Match.Units);
    }

    [Fact]
    public void In_html_the_block_holding_the_link_and_the_link_text_describe_it()
    {
        var html = """
            <p>Kính gửi Văn phòng,</p>
            <p>Minh chứng xã Ngọc Hòa:</p>
            <ul>
              <li>Tiêu chí 1.2: <a href='https://www.dropbox.com/scl/fo/abc?dl=0'>thư mục ảnh</a></li>
              <li><a href="https://drive.google.com/file/d/2y/view">TC 2.5 - chuyển đổi số - Bàn Tân Định</a></li>
              <li>Ảnh: https://zalo.me/g/xyz123</li>
            </ul>
            <p>Website: <a href="https://giongrieng.kiengiang.gov.vn">giongrieng.kiengiang.gov.vn</a></p>
            """;
        var links = Sample.Message(Subject, html: html).Links;
        Assert.Equal(
            [
                ("https://www.dropbox.com/scl/fo/abc?dl=0", "1.2", ""),
                ("https://drive.google.com/file/d/2y/view", "2.5", "xa-ban-tan-dinh"),
                ("https://zalo.me/g/xyz123", "", ""),
            ],
            links.Select(l => (l.Url, string.Join(",", l.Match.Criteria), string.Join(",", l.Match.Units))));
    }

    [Theory]
    [InlineData("https://drive.google.com/x", true)]
    [InlineData("http://docs.google.com/spreadsheets/d/1", true)]
    [InlineData("https://doanthanhnien-my.sharepoint.com/:f:/g/personal/x", true)]
    [InlineData("https://onedrive.live.com/?id=1", true)]
    [InlineData("https://fb.watch/abc/", true)]
    [InlineData("https://m.facebook.com/story.php?id=1", true)]
    [InlineData("https://chat.zalo.me/x", true)]
    [InlineData("https://www.google.com/search?q=drive.google.com", false)]
    [InlineData("https://drive.google.com.evil.example/x", false)]
    [InlineData("ftp://drive.google.com/x", false)]
    [InlineData("https://notfacebook.com/x", false)]
    public void Only_document_stores_are_evidence(string url, bool evidence) =>
        Assert.Equal(evidence, DocumentLinks.Clean(url, UnderstandingOptions.DefaultLinkHosts) is not null);

    [Theory]
    [InlineData("https://drive.google.com/x.", "https://drive.google.com/x")]
    [InlineData("https://drive.google.com/x);", "https://drive.google.com/x")]
    [InlineData("https://drive.google.com/x]>", "https://drive.google.com/x")]
    [InlineData("https://drive.google.com/x?a=1!?", "https://drive.google.com/x?a=1")]
    public void Trailing_punctuation_is_not_part_of_the_url(string raw, string url) => Assert.Equal(url, DocumentLinks.Clean(raw, UnderstandingOptions.DefaultLinkHosts));

    [Fact]
    public void A_link_without_a_unit_on_its_line_falls_back_like_a_file()
    {
        var link = Sample.Message("Gửi minh chứng", sender: Sample.Member, text: "TC 3.1: https://drive.google.com/d/1").Links.Single();
        Assert.Equal(["xa-ngoc-thuan"], link.Match.Units);
        Assert.Equal(UnitSource.Sender, link.Match.UnitSource);
    }

    [Fact]
    public void Script_style_and_comments_are_not_read()
    {
        var html = "<style>a{}</style><!-- https://drive.google.com/hidden --><div>https://drive.google.com/seen</div>";
        Assert.Equal(["https://drive.google.com/seen"], Sample.Message(Subject, html: html).Links.Select(l => l.Url));
    }
}
