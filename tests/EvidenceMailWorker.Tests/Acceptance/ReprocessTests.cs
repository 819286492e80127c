using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvidenceMailWorker.Tests.Acceptance;

// `reprocess`: a config edit reaches stored submissions without new mail, and a second run changes nothing.
public sealed class ReprocessTests
{
    private static Reprocessor For(ArchiveHarness h) =>
        new(h.Database, h.Pipeline, h.Queries, () => h.Settings);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_alias_and_a_new_sender_address_update_stored_submissions(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var leader = await harness.IngestAsync(Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", "Cụm 2 gửi minh chứng công tác Đoàn",
            ("TC 1.1 - ap Phuoc Hung.pdf", Submissions.Pdf("a")), ("TC 2.1 anh.jpg", Submissions.Jpeg(900, 1))));
        var stranger = await harness.IngestAsync(Submissions.From("bithu.ngochoa@gmail.com", "Bí thư xã Ngọc Hòa", "Gửi minh chứng quý II",
            ("TC 1.2.pdf", Submissions.Pdf("b"))));
        var before = await harness.SubmissionAsync(leader.MessageId);
        Assert.Empty(before.Attachments[0].Units);
        Assert.Equal("quarantined", (await harness.SubmissionAsync(stranger.MessageId)).Status);

        // The office adds a hamlet as an alias of Ngọc Hòa and registers the secretary's Gmail address.
        var campaign = SampleCampaign.Load();
        var ngocHoa = campaign.Units.Single(u => u.Id == "xa-ngoc-hoa");
        ngocHoa.Aliases.Add("ấp Phước Hưng");
        ngocHoa.Emails.Add("bithu.ngochoa@gmail.com");
        harness.Settings = harness.Settings with { Directory = new CampaignDirectory(campaign) };

        var first = await For(harness).RunAsync(CancellationToken.None);
        Assert.Equal((2, 2, 0), (first.Messages, first.Changed, first.Failed));

        var after = await harness.SubmissionAsync(leader.MessageId);
        Assert.Equal(["xa-ngoc-hoa"], after.Attachments[0].Units);
        Assert.Equal(["1.1"], after.Attachments[0].Criteria);
        var promoted = await harness.SubmissionAsync(stranger.MessageId);
        Assert.Equal(("accepted", "xa-ngoc-hoa", "cum-2", "2024-6t"), (promoted.Status, promoted.Unit, promoted.Cluster, promoted.Period));
        Assert.Equal(["xa-ngoc-hoa"], promoted.Attachments.Single().Units); // a member: its own unit

        var second = await For(harness).RunAsync(CancellationToken.None);
        Assert.Equal((2, 0), (second.Messages, second.Changed));
        Assert.Equal(2, await harness.ScalarAsync("SELECT COUNT(*) FROM attachments WHERE message_id = " + leader.MessageId));
    }

    [Fact]
    public async Task Links_are_replaced_not_duplicated()
    {
        await using var harness = await ArchiveHarness.CreateAsync(DatabaseProvider.Sqlite);
        var message = Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", "Cụm 2 gửi link minh chứng");
        message.Body = new MimeKit.TextPart("plain") { Text = "TC 1.1 Ngọc Hòa: https://drive.google.com/drive/folders/x1" };
        var stored = await harness.IngestAsync(message);
        await For(harness).RunAsync(CancellationToken.None);
        await For(harness).RunAsync(CancellationToken.None);
        var link = Assert.Single((await harness.SubmissionAsync(stored.MessageId)).Links);
        Assert.Equal(("https://drive.google.com/drive/folders/x1", "1.1", "xa-ngoc-hoa"), (link.Url, link.Criteria.Single(), link.Units.Single()));
    }
}
