using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Tests.Receipts;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Robustness;

// Who is answered when the message itself is not counted: a registered unit whose mail is too
// large is told (and keeps its unit); staff writing to the inbox get no "not registered" notice.
public sealed class SenderGapTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_too_large_message_from_a_unit_keeps_its_unit_and_its_sender_is_told(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.CreateAsync(provider, quietSeconds: 0, limits: new LimitsOptions { MaxMessageBytes = 100_000 });
        var message = Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", "Cụm 2 gửi video", ("TC 1.1 video.mp4", Submissions.Jpeg(200_000, 3)));
        message.Date = harness.Clock.GetUtcNow();

        var result = await harness.IngestAsync(message);

        Assert.Equal(Reasons.TooLarge, result.Reason);
        await using (var connection = await harness.Database.OpenAsync(CancellationToken.None))
        {
            var row = await connection.QuerySingleAsync<(string? Unit, string? Cluster)>("SELECT unit_id, cluster_id FROM messages WHERE id = @id", new { id = result.MessageId });
            Assert.Equal(("xa-ngoc-chuc", "cum-2"), row);
        }
        Assert.Equal(1, await harness.ScheduleAsync(ignoreQuiet: true));
        var receipt = Assert.Single(await harness.OutboxAsync());
        Assert.Equal("receipt", receipt.Purpose);
        Assert.Contains(Submissions.NgocChuc, receipt.Recipients);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_writing_to_the_inbox_are_kept_as_staff_messages_and_get_no_notice(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.CreateAsync(provider, quietSeconds: 0);
        foreach (var staff in new[] { "vanphong.huyendoan@example.org", "btv.cum1@example.org" })
        {
            var message = Submissions.From(staff, "Văn phòng", "Nhắc các cụm nộp minh chứng");
            message.Date = harness.Clock.GetUtcNow();
            var result = await harness.IngestAsync(message);
            Assert.Equal(MessageStatus.Quarantined, result.Status);
            Assert.Equal(Reasons.StaffMessage, result.Reason);
        }
        Assert.Equal(0, await harness.ScheduleAsync(ignoreQuiet: true));
        Assert.Empty(await harness.OutboxAsync());
    }
}
