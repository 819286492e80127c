using System.Net;
using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Receipts;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace EvidenceMailWorker.Tests.Outbound;

public sealed class OutboxTests
{
    private static MimeMessage Mail(string subject = "Nhắc hạn nộp minh chứng 6 tháng đầu năm")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Huyện đoàn Giồng Riềng", ReceiptHarness.Mailbox));
        message.To.Add(new MailboxAddress("Đoàn xã Ngọc Chúc", Submissions.NgocChuc));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Kính gửi Cụm 2: còn 3 ngày đến hạn chót 10/06/2024." };
        return message;
    }

    private static async Task<bool> EnqueueAsync(ReceiptHarness harness, string key, MimeMessage message)
    {
        await using var connection = await harness.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var added = await harness.Services.GetRequiredService<OutboxWriter>().EnqueueAsync(connection, transaction, "reminder", key, message, CancellationToken.None);
        await transaction.CommitAsync();
        return added;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Enqueuing_one_purpose_twice_stores_one_row_with_a_Message_ID_in_our_domain(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.CreateAsync(provider);
        Assert.True(await EnqueueAsync(harness, "cum-2|2024-06-07", Mail()));
        Assert.False(await EnqueueAsync(harness, "cum-2|2024-06-07", Mail("a different rendering")));
        Assert.True(await EnqueueAsync(harness, "cum-3|2024-06-07", Mail()));

        var rows = await harness.OutboxAsync();
        Assert.Equal(2, rows.Count);
        var stored = ReceiptHarness.Parse(rows[0].Mime);
        Assert.Equal("Nhắc hạn nộp minh chứng 6 tháng đầu năm", stored.Subject);
        Assert.Equal($"<{stored.MessageId}>", rows[0].MessageId);
        Assert.StartsWith("reminder.", stored.MessageId);
        Assert.EndsWith("@evidencemailworker.invalid", stored.MessageId);
        Assert.NotEqual(rows[0].MessageId, rows[1].MessageId);
        Assert.Equal($"[\"{Submissions.NgocChuc}\"]", rows[0].Recipients);
    }

    [Fact]
    public async Task Folder_mode_writes_the_stored_bytes_as_an_eml_file_once()
    {
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite);
        await EnqueueAsync(harness, "k1", Mail());
        Assert.Equal(1, (await harness.SendAsync()).Sent);
        Assert.Equal(0, (await harness.SendAsync()).Sent);

        var file = Assert.Single(Directory.GetFiles(harness.OutboxFolder));
        Assert.Matches(@"^\d{8}-\d{6}-reminder-\d+\.eml$", Path.GetFileName(file));
        Assert.Equal((await harness.OutboxAsync()).Single().Mime, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task A_crash_between_SMTP_accept_and_the_database_update_resends_the_identical_message()
    {
        var smtp = PostfixServer.Shared;
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite, smtp: smtp);
        await EnqueueAsync(harness, "crash", Mail());
        var store = harness.Services.GetRequiredService<OutboxStore>();
        var now = harness.Clock.GetUtcNow().UtcDateTime;

        // The first sender claims the row and hands it to SMTP, then dies before MarkSent.
        var claimed = await store.ClaimAsync((await store.DueAsync(now, 10, CancellationToken.None)).Single(), now, BackoffSchedule.Lease, CancellationToken.None);
        await harness.Services.GetRequiredService<IMailTransport>().SendAsync(claimed!, CancellationToken.None);
        Assert.Equal(0, (await harness.SendAsync()).Sent); // leased: nobody else takes it meanwhile

        harness.Clock.Advance(BackoffSchedule.Lease + TimeSpan.FromSeconds(1));
        await harness.RestartAsync();
        Assert.Equal(1, (await harness.SendAsync()).Sent);

        var row = (await harness.OutboxAsync()).Single();
        var copies = await WaitForCopiesAsync(smtp, row.MessageId, 2);
        Assert.Equal(2, copies.Count);
        Assert.Equal(copies[0].MessageId, copies[1].MessageId);
        Assert.Equal(copies[0].Date, copies[1].Date);
        Assert.Equal(copies[0].TextBody, copies[1].TextBody);
        Assert.Equal(ReceiptHarness.Parse(row.Mime).TextBody, copies[0].TextBody);
    }

    private static async Task<IReadOnlyList<MimeMessage>> WaitForCopiesAsync(PostfixServer smtp, string messageId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var found = smtp.Find(messageId);
            if (found.Count >= count || DateTime.UtcNow > deadline)
                return found;
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_message_that_never_goes_through_is_given_up_after_the_last_attempt_and_keeps_its_error()
    {
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite, smtp: PostfixServer.Shared);
        harness.Outbox.Port = PostfixServer.FreePort();
        await EnqueueAsync(harness, "never", Mail());
        var passes = 0;
        for (var attempt = 1; attempt <= BackoffSchedule.MaxAttempts + 3; attempt++)
        {
            passes += (await harness.SendAsync()).Failed;
            harness.Clock.Advance(BackoffSchedule.Cap + TimeSpan.FromSeconds(1));
        }
        var row = (await harness.OutboxAsync()).Single();
        Assert.Equal(BackoffSchedule.MaxAttempts, row.Attempts);
        Assert.Equal(BackoffSchedule.MaxAttempts - 1, passes);
        Assert.NotNull(row.DeadAt);
        Assert.Null(row.SentAt);
        Assert.Contains("SocketException", row.LastError);
    }

    [Fact]
    public void Back_off_doubles_from_one_minute_and_stops_at_an_hour()
    {
        Assert.Equal(
            new[] { 1, 2, 4, 8, 16, 32, 60, 60 },
            Enumerable.Range(1, 8).Select(n => (int)BackoffSchedule.After(n).TotalMinutes).ToArray());
        Assert.False(BackoffSchedule.IsDead(BackoffSchedule.MaxAttempts - 1));
        Assert.True(BackoffSchedule.IsDead(BackoffSchedule.MaxAttempts));
    }

}
