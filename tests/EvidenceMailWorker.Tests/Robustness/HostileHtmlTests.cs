using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Tests.Support;
using EvidenceMailWorker.Understanding;
using MimeKit;

namespace EvidenceMailWorker.Tests.Robustness;

// Bodies built to make a backtracking matcher crawl: hundreds of KB of unclosed tags. The message
// from a registered unit must come out accepted with its evidence, its link list bounded.
public sealed class HostileHtmlTests
{
    public static TheoryData<DatabaseProvider, string> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var kind in new[] { "unclosed-links", "unclosed-blocks", "unclosed-attribute", "unclosed-comment", "many-links-one-block" })
                data.Add(provider, kind);
        return data;
    }

    private static string Body(string kind) => kind switch
    {
        "unclosed-links" => "<p>TC 1.1 " + string.Concat(Enumerable.Repeat("<a href=\"https://drive.google.com/file/d/x\">tài liệu ", 8_000)),
        "unclosed-blocks" => string.Concat(Enumerable.Repeat("<div><p><b><i><table><td><li>chữ ", 12_000)),
        "unclosed-attribute" => "<p><a href='https://drive.google.com/a " + new string('x', 300_000),
        "unclosed-comment" => "<p>TC 1.1 <!-- " + string.Concat(Enumerable.Repeat("<a href=https://drive.google.com/c>c</a> ", 8_000)),
        _ => "<p>" + string.Concat(Enumerable.Range(0, 8_000).Select(i => $"TC 1.1 <a href=\"https://drive.google.com/file/d/{i}\">tệp {i}</a> ")) + "</p>",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_html_body_is_processed_to_its_verdict(DatabaseProvider provider, string kind)
    {
        await using var archive = await ArchiveHarness.CreateAsync(provider);
        var message = Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", "Cụm 2 gửi minh chứng", ("TC 1.1 - Kế hoạch.pdf", Submissions.Pdf("h")));
        var body = new BodyBuilder { TextBody = "Kính gửi,", HtmlBody = Body(kind) };
        body.Attachments.Add("TC 1.1 - Kế hoạch.pdf", Submissions.Pdf("h"));
        message.Body = body.ToMessageBody();
        Assert.True(Body(kind).Length > 80_000);

        var result = await archive.IngestAsync(message);

        Assert.Equal(MessageStatus.Accepted, result.Status);
        var stored = await archive.SubmissionAsync(result.MessageId);
        Assert.Equal("TC 1.1 - Kế hoạch.pdf", Assert.Single(stored.Attachments).FileName);
        Assert.InRange(stored.Links.Count, 0, DocumentLinks.MaxLinks);
        Assert.Equal(1, await archive.ScalarAsync($"SELECT attempts FROM messages WHERE id = {result.MessageId}"));
    }

    [Fact]
    public void Links_keep_their_block_and_their_own_text()
    {
        var blocks = HtmlBlocks.Split("<div>Tiêu chí 2.3 <b>ảnh</b>: <a href=\"https://drive.google.com/x?a=1&amp;b=2\">thư mục <i>ảnh</i></a></div><p>khác");
        Assert.Equal(2, blocks.Count);
        var anchor = Assert.Single(blocks[0].Anchors);
        Assert.Equal("https://drive.google.com/x?a=1&b=2", anchor.Href);
        Assert.Contains("thư mục", anchor.Text);
        Assert.Contains("Tiêu chí 2.3", blocks[0].Text);
        Assert.Equal("khác", blocks[1].Text);
    }
}
