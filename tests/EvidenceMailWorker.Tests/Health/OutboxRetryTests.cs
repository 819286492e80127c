using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Health;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Tests.Imap;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Receipts;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EvidenceMailWorker.Tests.Health;

// What an operator does about a 503 for dead outbox mail: fix the cause, `outbox retry`. The mail
// given up on (after real failed SMTP attempts) is delivered through the real Postfix, once, and
// the health verdict is good again.
public sealed class OutboxRetryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Mail_given_up_on_is_delivered_after_a_retry_and_health_recovers(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.CreateAsync(provider, smtp: PostfixServer.Shared);
        var working = harness.Outbox.Port;
        harness.Outbox.Port = PostfixServer.FreePort(); // nobody listens: every attempt fails for real
        var messageId = await EnqueueAsync(harness);
        for (var attempt = 1; attempt <= BackoffSchedule.MaxAttempts; attempt++)
        {
            await harness.SendAsync();
            harness.Clock.Advance(BackoffSchedule.Cap + TimeSpan.FromSeconds(1));
        }
        Assert.NotNull((await harness.OutboxAsync()).Single().DeadAt);
        Assert.False(await HealthyAsync(harness));

        harness.Outbox.Port = working; // the cause is fixed
        var store = harness.Services.GetRequiredService<OutboxStore>();
        Assert.Equal(1, await store.RequeueDeadAsync(harness.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
        Assert.Equal(1, (await harness.SendAsync()).Sent);

        Assert.Single(await PostfixServer.Shared.WaitForAsync(messageId, TimeSpan.FromSeconds(30)));
        Assert.True(await HealthyAsync(harness));
        Assert.Equal(0, await store.RequeueDeadAsync(harness.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
        Assert.Equal(0, (await harness.SendAsync()).Sent);
    }

    private static async Task<bool> HealthyAsync(ReceiptHarness harness)
    {
        var database = harness.Database;
        var reader = new WorkerStatusReader(database, new Storage.MailboxCheckpoints(database, harness.Clock), new Notifications.JobRunLog(database),
            new ConfigReloadStore(database), new StaticOptionsMonitor<CampaignOptions>(harness.Campaign), new CampaignOnDisk([]), new SchedulerNodes(database), harness.Clock);
        return HealthRules.Judge(await reader.ReadAsync(CancellationToken.None), TimeSpan.FromMinutes(30), null).Healthy;
    }

    private static async Task<string> EnqueueAsync(ReceiptHarness harness)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Huyện đoàn Giồng Riềng", ReceiptHarness.Mailbox));
        message.To.Add(new MailboxAddress("Đoàn xã Ngọc Chúc", Submissions.NgocChuc));
        message.Subject = "Nhắc hạn nộp minh chứng 6 tháng đầu năm";
        message.Body = new TextPart("plain") { Text = "Kính gửi Cụm 2: còn 3 ngày đến hạn chót." };
        await using var connection = await harness.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.True(await harness.Services.GetRequiredService<OutboxWriter>().EnqueueAsync(connection, transaction, "reminder", "retry-test", message, CancellationToken.None));
        await transaction.CommitAsync();
        return (await harness.OutboxAsync()).Single().MessageId.Trim('<', '>');
    }
}
