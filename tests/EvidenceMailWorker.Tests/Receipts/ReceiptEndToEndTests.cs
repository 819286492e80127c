using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using MimeKit;

namespace EvidenceMailWorker.Tests.Receipts;

// A submission in through the real pipeline, the receipt out through a real Postfix on 127.0.0.1,
// read back from its Maildir and decoded.
public sealed class ReceiptEndToEndTests
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(20);
    private static PostfixServer Smtp => PostfixServer.Shared;

    private static MimeMessage Submission(string subject, DateTimeOffset date, params (string, byte[])[] files)
    {
        var message = Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", subject, files);
        message.Date = date;
        return message;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_submission_gets_one_threaded_Vietnamese_receipt_to_its_sender(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.CreateAsync(provider, quietSeconds: 120, smtp: Smtp);
        var original = Submission("Cụm 2 gửi minh chứng 6 tháng đầu năm 2024", harness.Clock.GetUtcNow(),
            ("TC 1.1 - Kế hoạch học tập Nghị quyết.pdf", Submissions.Pdf("kh")), ("Ảnh hoạt động tình nguyện.jpg", Submissions.Jpeg(3000, 1)));
        original.References.Add("thread-start@mail.gmail.com");
        Assert.Equal(MessageStatus.Accepted, (await harness.IngestAsync(original)).Status);

        Assert.Equal(0, await harness.ScheduleAsync()); // the sender may still be sending the rest
        harness.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(1, await harness.ScheduleAsync());
        Assert.Equal(1, (await harness.SendAsync()).Sent);

        var row = Assert.Single(await harness.OutboxAsync());
        var receipt = Assert.Single(await Smtp.WaitForAsync(row.MessageId, Delivery));
        var to = Assert.Single(receipt.To.Mailboxes);
        Assert.Equal(Submissions.NgocChuc, to.Address);
        Assert.Empty(receipt.Cc);
        Assert.Equal(ReceiptHarness.Mailbox, receipt.From.Mailboxes.Single().Address);
        Assert.Equal(original.MessageId, receipt.InReplyTo);
        Assert.Equal(new[] { "thread-start@mail.gmail.com", original.MessageId }, receipt.References.ToArray());
        Assert.Equal("auto-replied", receipt.Headers["Auto-Submitted"]);
        Assert.Equal("receipt", receipt.Headers["X-EvidenceMail-Purpose"]); // CONTRACT §5
        Assert.Equal(ReceiptHarness.Mailbox, receipt.Headers["X-Loop"]);
        Assert.Equal("Biên nhận: Cụm 2 gửi minh chứng 6 tháng đầu năm 2024", receipt.Subject);
        Assert.EndsWith("@evidencemailworker.invalid", receipt.MessageId);

        foreach (var body in new[] { receipt.TextBody, receipt.HtmlBody })
        {
            Assert.Contains("TC 1.1 - Kế hoạch học tập Nghị quyết.pdf", body);
            Assert.Contains("Ảnh hoạt động tình nguyện.jpg", body);
            Assert.Contains("Xã Ngọc Chúc (Cụm 2)", body);
            Assert.Contains("đã nhận được 1 thư, gồm 2 tệp minh chứng", body);
            Assert.Contains("TC 1.1 - Kế hoạch.pdf", body); // the naming guide
        }
        Assert.Contains("max-width:600px", receipt.HtmlBody);
    }

    [Fact]
    public async Task The_receipt_names_each_files_criterion_unit_period_and_what_the_cluster_still_lacks()
    {
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite, quietSeconds: 0, smtp: Smtp);
        var message = Submission("Cụm 2 gửi minh chứng 6 tháng đầu năm 2024 - công tác Đoàn", harness.Clock.GetUtcNow());
        var body = new BodyBuilder { TextBody = "TC 2.1 ảnh tình nguyện hè: https://drive.google.com/drive/folders/abc123\n" };
        body.Attachments.Add("TC 1.1 - Xã Ngọc Thuận - Kế hoạch.pdf", Submissions.Pdf("nt"));
        message.Body = body.ToMessageBody();
        await harness.IngestAsync(message);
        Assert.Equal(1, await harness.ScheduleAsync());
        Assert.Equal(1, (await harness.SendAsync()).Sent);

        var receipt = Assert.Single(await Smtp.WaitForAsync(Assert.Single(await harness.OutboxAsync()).MessageId, Delivery));
        var text = receipt.TextBody ?? "";
        Assert.Contains("1.1 – Học tập, quán triệt Nghị quyết", text);
        Assert.Contains("Xã Ngọc Thuận", text);
        Assert.Contains("https://drive.google.com/drive/folders/abc123", text);
        Assert.Contains("2.1 – Phong trào Thanh niên tình nguyện", text);
        Assert.Contains("6 tháng đầu năm 2024", text);
        // 1.1 is now held for Ngọc Thuận only: every other unit of cụm 2 is still listed as lacking it.
        var lacking11 = text.Split('\n').Single(line => line.StartsWith("- 1.1 ", StringComparison.Ordinal));
        Assert.Contains("còn thiếu", lacking11);
        Assert.Contains("Xã Ngọc Chúc", lacking11);
        Assert.DoesNotContain("Xã Ngọc Thuận", lacking11);
    }

    [Fact]
    public async Task Three_messages_within_the_quiet_period_get_one_receipt_threaded_under_the_last()
    {
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite, quietSeconds: 120, smtp: Smtp);
        var sent = new List<MimeMessage>();
        for (var part = 1; part <= 3; part++)
        {
            var message = Submission($"Cụm 2 gửi minh chứng (phần {part}/3)", harness.Clock.GetUtcNow(),
                ($"TC {part}.1 - Báo cáo phần {part}.pdf", Submissions.Pdf($"part{part}")));
            sent.Add(message);
            await harness.IngestAsync(message);
            Assert.Equal(0, await harness.ScheduleAsync());
            harness.Clock.Advance(TimeSpan.FromSeconds(60));
        }
        harness.Clock.Advance(TimeSpan.FromSeconds(59)); // 119 s after the last: still quiet period
        Assert.Equal(0, await harness.ScheduleAsync());
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await harness.ScheduleAsync());
        Assert.Equal(0, await harness.ScheduleAsync());
        await harness.SendAsync();

        var row = Assert.Single(await harness.OutboxAsync());
        var receipt = Assert.Single(await Smtp.WaitForAsync(row.MessageId, Delivery));
        Assert.Equal(sent[2].MessageId, receipt.InReplyTo);
        Assert.Equal("Biên nhận: Cụm 2 gửi minh chứng (phần 3/3)", receipt.Subject);
        Assert.Contains("đã nhận được 3 thư, gồm 3 tệp minh chứng", receipt.TextBody);
        for (var part = 1; part <= 3; part++)
            Assert.Contains($"TC {part}.1 - Báo cáo phần {part}.pdf", receipt.TextBody);
    }

    [Fact]
    public async Task With_SMTP_down_the_receipt_waits_with_its_error_and_is_delivered_once_after_the_back_off()
    {
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite, quietSeconds: 0, smtp: Smtp);
        harness.Outbox.Port = PostfixServer.FreePort(); // nothing listens there
        await harness.IngestAsync(Submission("Cụm 2 gửi minh chứng", harness.Clock.GetUtcNow(), ("TC 1.2 - Đăng ký làm theo.pdf", Submissions.Pdf("down"))));
        await harness.ScheduleAsync();

        var first = await harness.SendAsync();
        Assert.Equal((0, 1), (first.Sent, first.Failed));
        var row = Assert.Single(await harness.OutboxAsync());
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.SentAt);
        Assert.False(string.IsNullOrEmpty(row.LastError));

        harness.Outbox.Port = Smtp.Port; // the server is back
        Assert.Equal(0, (await harness.SendAsync()).Sent); // not before its back-off
        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await harness.SendAsync()).Sent);
        harness.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, (await harness.SendAsync()).Sent);
        harness.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, (await harness.SendAsync()).Sent);

        row = Assert.Single(await harness.OutboxAsync());
        Assert.Equal(2, row.Attempts);
        Assert.NotNull(row.SentAt);
        // Once: the passes above sent it exactly one time (attempts 2: the failure and the delivery).
        Assert.Single(await Smtp.WaitForAsync(row.MessageId, Delivery));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pending_receipts_and_undelivered_mail_survive_a_restart(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.CreateAsync(provider, quietSeconds: 120, smtp: Smtp);
        var first = Submission("Cụm 2 gửi minh chứng đợt 1", harness.Clock.GetUtcNow(), ("TC 2.1 - Mùa hè xanh.pdf", Submissions.Pdf("r1")));
        await harness.IngestAsync(first);
        harness.Clock.Advance(TimeSpan.FromMinutes(3));
        await harness.ScheduleAsync(); // enqueued, never sent: the worker "dies" here
        await harness.RestartAsync();

        var second = Submissions.From(Submissions.ThanhBinh, "Đoàn xã Thạnh Bình", "Gửi minh chứng", ("TC 4.1 - Kết nạp.pdf", Submissions.Pdf("r2")));
        second.Date = harness.Clock.GetUtcNow();
        await harness.IngestAsync(second);
        await harness.RestartAsync(); // recorded as owed, not yet answered, when the worker "dies" again

        harness.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await harness.ScheduleAsync());
        Assert.Equal(2, (await harness.SendAsync()).Sent);
        var rows = await harness.OutboxAsync();
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
            Assert.Single(await Smtp.WaitForAsync(row.MessageId, Delivery));
        Assert.Equal(first.MessageId, Smtp.Find(rows[0].MessageId).Single().InReplyTo);
        Assert.Equal(second.MessageId, Smtp.Find(rows[1].MessageId).Single().InReplyTo);
    }

    [Fact]
    public async Task Our_own_receipt_and_an_auto_reply_to_it_arriving_in_the_inbox_produce_no_further_mail()
    {
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite, quietSeconds: 0, smtp: Smtp);
        await harness.IngestAsync(Submission("Cụm 2 gửi minh chứng", harness.Clock.GetUtcNow(), ("TC 3.1 - Khởi nghiệp.pdf", Submissions.Pdf("loop"))));
        await harness.ScheduleAsync();
        await harness.SendAsync();
        var row = Assert.Single(await harness.OutboxAsync());
        var delivered = Assert.Single(await Smtp.WaitForAsync(row.MessageId, Delivery));

        // 1. The receipt itself lands in the campaign inbox (e.g. the office is in Cc, or a forward rule).
        var own = await harness.IngestAsync(ArchiveHarness.Bytes(delivered));
        Assert.Equal((MessageStatus.Ignored, Reasons.OwnMessage), (own.Status, own.Reason));

        // 2. The unit's mailbox answers the receipt with an out-of-office reply.
        var vacation = new MimeMessage();
        vacation.From.Add(new MailboxAddress("Đoàn xã Ngọc Chúc", Submissions.NgocChuc));
        vacation.To.Add(new MailboxAddress("", ReceiptHarness.Mailbox));
        vacation.Subject = "Trả lời tự động: " + delivered.Subject;
        vacation.InReplyTo = delivered.MessageId;
        vacation.Headers.Add("Auto-Submitted", "auto-replied");
        vacation.Body = new TextPart("plain") { Text = "Tôi đang nghỉ phép đến hết ngày 15/6." };
        var reply = await harness.IngestAsync(vacation);
        Assert.Equal((MessageStatus.Ignored, Reasons.AutoReply), (reply.Status, reply.Reason));

        harness.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await harness.ScheduleAsync(ignoreQuiet: true));
        Assert.Equal(0, await harness.PendingOpenAsync());
        Assert.Single(await harness.OutboxAsync());
    }

    [Fact]
    public async Task An_unknown_sender_gets_one_polite_notice_per_day_however_often_they_write()
    {
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite, quietSeconds: 120, smtp: Smtp);
        const string stranger = "nguoila.2024@gmail.com";
        for (var i = 1; i <= 3; i++)
        {
            var message = Submissions.From(stranger, "Nguyễn Văn A", $"Gửi minh chứng lần {i}", ("TC 1.1.pdf", Submissions.Pdf($"u{i}")));
            message.Date = harness.Clock.GetUtcNow();
            Assert.Equal(Reasons.UnknownSender, (await harness.IngestAsync(message)).Reason);
            harness.Clock.Advance(TimeSpan.FromMinutes(30)); // each its own batch, all the same local day
            await harness.ScheduleAsync();
        }
        await harness.SendAsync();
        var notice = Assert.Single(await harness.OutboxAsync());
        Assert.Equal(ReceiptKinds.UnknownSenderPurpose, notice.Purpose);
        var received = Assert.Single(await Smtp.WaitForAsync(notice.MessageId, Delivery));
        Assert.Equal(stranger, received.To.Mailboxes.Single().Address);
        Assert.Equal("Thông báo: địa chỉ email chưa được đăng ký", received.Subject);
        Assert.Equal("auto-replied", received.Headers["Auto-Submitted"]);
        Assert.Equal("notice", received.Headers["X-EvidenceMail-Purpose"]); // CONTRACT §5
        Assert.Contains("chưa được đăng ký", received.TextBody);
        Assert.Contains("vanphong.huyendoan@example.org", received.TextBody);
        Assert.DoesNotContain("Cụm 2", received.TextBody);

        harness.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = Submissions.From(stranger, "Nguyễn Văn A", "Gửi lại minh chứng", ("TC 1.1.pdf", Submissions.Pdf("u4")));
        nextDay.Date = harness.Clock.GetUtcNow();
        await harness.IngestAsync(nextDay);
        harness.Clock.Advance(TimeSpan.FromMinutes(3));
        await harness.ScheduleAsync();
        Assert.Equal(2, (await harness.OutboxAsync()).Count);
    }

    [Fact]
    public async Task Mail_received_before_the_worker_started_is_archived_without_an_answer()
    {
        await using var harness = await ReceiptHarness.CreateAsync(DatabaseProvider.Sqlite, quietSeconds: 0);
        var old = Submission("Cụm 2 gửi minh chứng tuần trước", harness.Clock.GetUtcNow().AddDays(-7), ("TC 1.1.pdf", Submissions.Pdf("old")));
        Assert.Equal(MessageStatus.Accepted, (await harness.IngestAsync(old)).Status);
        Assert.Equal(0, await harness.ScheduleAsync(ignoreQuiet: true));
        Assert.Empty(await harness.OutboxAsync());
    }
}
