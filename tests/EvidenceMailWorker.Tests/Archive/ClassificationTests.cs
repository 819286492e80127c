using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Tests.Support;
using MimeKit;

namespace EvidenceMailWorker.Tests.Archive;

// CONTRACT §4 Sender, Authentication and Automatic mail, through the real pipeline (SQLite; the
// rules are provider-independent and the provider paths are covered by ArchiveTests).
public sealed class ClassificationTests : IAsyncLifetime
{
    private ArchiveHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ArchiveHarness.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<Storage.SubmissionRecord> IngestAsync(MimeMessage message) =>
        await _harness.SubmissionAsync((await _harness.IngestAsync(message)).MessageId);

    private static MimeMessage FromUnit(string subject = "Cụm 2 gửi minh chứng") =>
        Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", subject, ("TC 1.1.pdf", Submissions.Pdf(subject)));

    [Fact]
    public async Task An_unregistered_sender_is_quarantined_and_kept()
    {
        var message = Submissions.From("someone@gmail.com", "Người lạ", "minh chứng", ("TC 1.1.pdf", Submissions.Pdf("x")));
        var stored = await IngestAsync(message);
        Assert.Equal((MessageStatus.Quarantined, Reasons.UnknownSender), (stored.Status, stored.Reason));
        Assert.Single(stored.Attachments);
        Assert.Null(stored.Cluster);
    }

    [Fact]
    public async Task Sender_address_matches_case_insensitively()
    {
        var message = Submissions.From("Doan.NgocChuc@Example.ORG", "Đoàn xã Ngọc Chúc", "minh chứng", ("a.pdf", Submissions.Pdf("y")));
        var stored = await IngestAsync(message);
        Assert.Equal(MessageStatus.Accepted, stored.Status);
        Assert.Equal("xa-ngoc-chuc", stored.Unit);
    }

    [Fact]
    public async Task A_supervisor_forwarding_a_units_message_as_attachment_makes_it_that_units()
    {
        var original = FromUnit("Cụm 2 gửi minh chứng (bản gốc)");
        var forward = new MimeMessage();
        forward.From.Add(new MailboxAddress("Ủy viên BTV phụ trách Cụm 1", "btv.cum1@example.org"));
        forward.To.Add(new MailboxAddress("", "huyendoangiongrieng@gmail.com"));
        forward.Subject = "Fwd: Cụm 2 gửi minh chứng";
        var multipart = new Multipart("mixed") { new TextPart("plain") { Text = "Chuyển tiếp." }, new MessagePart { Message = original } };
        forward.Body = multipart;

        var stored = await IngestAsync(forward);

        Assert.Equal(MessageStatus.Accepted, stored.Status);
        Assert.Equal("xa-ngoc-chuc", stored.Unit);
        Assert.Equal("cum-2", stored.Cluster);
        Assert.Equal("btv.cum1@example.org", stored.From);
        Assert.Equal(Submissions.NgocChuc, stored.OriginalFrom);
        Assert.Equal("TC 1.1.pdf", Assert.Single(stored.Attachments).FileName);
    }

    [Fact]
    public async Task The_office_forwarding_inline_in_Vietnamese_Gmail_makes_it_the_units()
    {
        var forward = new MimeMessage();
        forward.From.Add(new MailboxAddress("Văn phòng", "vanphong.huyendoan@example.org"));
        forward.To.Add(new MailboxAddress("", "huyendoangiongrieng@gmail.com"));
        forward.Subject = "Fwd: minh chứng cụm 1";
        forward.Body = new TextPart("plain")
        {
            Text = "---------- Thư đã chuyển tiếp ---------\nTừ: Đoàn xã Thạnh Bình <doan.thanhbinh@example.org>\nDate: Th 7, 8 thg 6, 2024\nSubject: minh chứng\n",
        };
        var stored = await IngestAsync(forward);
        Assert.Equal(MessageStatus.Accepted, stored.Status);
        Assert.Equal("xa-thanh-binh", stored.Unit);
        Assert.Equal(Submissions.ThanhBinh, stored.OriginalFrom);
    }

    [Fact]
    public async Task Staff_forwarding_a_strangers_message_is_quarantined()
    {
        var forward = new MimeMessage();
        forward.From.Add(new MailboxAddress("", "btv.cum2@example.org"));
        forward.Subject = "Fwd: quảng cáo";
        forward.Body = new TextPart("plain") { Text = "---------- Forwarded message ---------\nFrom: Shop <shop@ads.example.com>\n" };
        var stored = await IngestAsync(forward);
        // Kept for the office, but as staff mail: a supervisor must not be told their address is unknown.
        Assert.Equal((MessageStatus.Quarantined, Reasons.StaffMessage), (stored.Status, stored.Reason));
    }

    [Theory]
    [InlineData("mx.google.com; dkim=pass header.i=@example.org; spf=pass; dmarc=fail (p=NONE)", true)]
    [InlineData("mx.google.com; dkim=fail header.i=@example.org; spf=fail smtp.mailfrom=example.org", true)]
    [InlineData("mx.google.com; dkim=fail header.i=@example.org; spf=pass smtp.mailfrom=example.org", false)]
    [InlineData("mx.google.com; dkim=pass header.i=@example.org; spf=pass; dmarc=pass", false)]
    [InlineData("evil.example.com; dmarc=fail; spf=fail; dkim=fail", false)]
    public async Task Only_the_trusted_topmost_authentication_results_judge(string topmost, bool quarantined)
    {
        var message = FromUnit("auth " + topmost);
        message.Headers.Insert(0, new Header("Authentication-Results", topmost));
        var stored = await IngestAsync(message);
        Assert.Equal(quarantined ? (MessageStatus.Quarantined, Reasons.FailedAuthentication) : (MessageStatus.Accepted, null), (stored.Status, stored.Reason));
    }

    [Fact]
    public async Task A_forged_failing_header_below_the_trusted_one_is_not_read()
    {
        var message = FromUnit("forged");
        message.Headers.Insert(0, new Header("Authentication-Results", "mx.google.com; dmarc=fail; spf=fail; dkim=fail"));
        message.Headers.Insert(0, new Header("Authentication-Results", "mx.google.com; dkim=pass; spf=pass; dmarc=pass"));
        Assert.Equal(MessageStatus.Accepted, (await IngestAsync(message)).Status);
    }

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied", Reasons.AutoReply)]
    [InlineData("X-Autoreply", "yes", Reasons.AutoReply)]
    [InlineData("X-Auto-Response-Suppress", "OOF, DR", Reasons.AutoReply)]
    [InlineData("Precedence", "bulk", Reasons.Bulk)]
    [InlineData("List-Id", "<cum2.lists.example.org>", Reasons.Bulk)]
    [InlineData("List-Unsubscribe", "<mailto:unsub@example.org>", Reasons.Bulk)]
    [InlineData("Return-Path", "<>", Reasons.Bounce)]
    [InlineData("X-Loop", "huyendoangiongrieng@gmail.com", Reasons.OwnMessage)]
    public async Task Automatic_mail_is_ignored_even_from_a_unit(string header, string value, string reason)
    {
        var message = FromUnit($"Trả lời tự động {header}");
        message.Headers.Add(header, value);
        var stored = await IngestAsync(message);
        Assert.Equal((MessageStatus.Ignored, reason), (stored.Status, stored.Reason));
    }

    [Fact]
    public async Task Auto_submitted_no_is_a_person()
    {
        var message = FromUnit("Auto-Submitted: no");
        message.Headers.Add("Auto-Submitted", "no");
        Assert.Equal(MessageStatus.Accepted, (await IngestAsync(message)).Status);
    }

    [Fact]
    public async Task The_workers_own_receipt_coming_back_is_ignored()
    {
        var message = FromUnit("Re: biên nhận");
        message.MessageId = "receipt.42@evidencemailworker.invalid";
        var stored = await IngestAsync(message);
        Assert.Equal((MessageStatus.Ignored, Reasons.OwnMessage), (stored.Status, stored.Reason));
    }

    [Fact]
    public async Task A_delivery_status_report_is_a_bounce()
    {
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "Delivery failed" }, new MessageDeliveryStatus() };
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mail Delivery Subsystem", "mailer-daemon@googlemail.com"));
        message.Subject = "Delivery Status Notification (Failure)";
        message.Body = report;
        var stored = await IngestAsync(message);
        Assert.Equal((MessageStatus.Ignored, Reasons.Bounce), (stored.Status, stored.Reason));
    }

    [Fact]
    public async Task A_read_receipt_is_ignored()
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("", Submissions.NgocChuc));
        message.Subject = "Read: minh chứng";
        message.Body = new MultipartReport("disposition-notification") { new TextPart("plain") { Text = "Đã đọc" } };
        var stored = await IngestAsync(message);
        Assert.Equal((MessageStatus.Ignored, Reasons.ReadReceipt), (stored.Status, stored.Reason));
    }

    [Fact]
    public async Task Received_time_is_the_topmost_Received_header()
    {
        var message = FromUnit("thời điểm nhận");
        message.Headers.Insert(0, new Header("Received", "by 2002:a05:6a10:1234 with SMTP id x; Sun, 9 Jun 2024 23:59:58 +0700 (ICT)"));
        message.Headers.Add("Received", "from sender.example.org; Sat, 1 Jun 2024 10:00:00 +0700");
        var stored = await IngestAsync(message);
        Assert.Equal(new DateTime(2024, 6, 9, 16, 59, 58, DateTimeKind.Utc), stored.ReceivedAtUtc);
    }
}
