using System.IO.Compression;
using System.Text.Json;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Tests.Support;
using MimeKit;

namespace EvidenceMailWorker.Tests.Demo;

// `demo` is the product's end-to-end test: the bundled mail (src/EvidenceMailWorker/Assets/Demo,
// story in its generate.py) played through the real worker from 1 March to 31 October 2024. Every
// number below is worked out by hand from that mail and CONTRACT §5 on the sample campaign
// (config/campaign.json), not read from a run:
//
// The 18 messages (local time, +07:00): 01 26/3 15:20 Cụm 1 leader (1.3 for two units; 6 tháng by
// time, on time); 02 18/4 09:05 Xã Vĩnh Thạnh, Hội, quý II; 03–05 28/5 09:12, 09:13, 09:14 Cụm 2
// leader, 6 tháng in three parts: every unit × every unit criterion of both tracks, 4.5 and H3.1
// (complete); 06 3/6 08:04 Cụm 4 leader's auto-reply (ignored); 07 5/6 14:20 Cụm 3 leader, Drive links;
// 08 6/6 20:10 Cụm 3's supervisor forwards Xã Hòa Lợi's message (accepted as Hòa Lợi's); 09 7/6 09:00
// a stranger (quarantined, unknown-sender); 10 12/6 10:30 Cụm 1 leader, 6 tháng, late (every unit's
// Đoàn criteria); 11 27/8 10:00 Cụm 3 deputy, 9 tháng; 12 5/9 16:45 Cụm 2 leader, 9 tháng complete;
// 13 6/9 09:30 Cụm 3 leader, five of its seven units (not Long Thạnh, Vĩnh Phú); 14 9/9 21:40 Cụm 1
// leader, 9 tháng; 15 13/9 08:15 Xã Thạnh Bình, 9 tháng, late; 16 2/10 10:00 Cụm 2 leader, tổng kết
// complete (Drive links); 17 8/10 15:00 Cụm 3 leader, tổng kết; 18 14/10 09:00 Cụm 1 leader, tổng kết, late.
// Cụm 4 sends nothing.
public sealed class DemoTests(DemoRuns runs) : IClassFixture<DemoRuns>
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_table_counts_what_CONTRACT_5_makes_of_the_bundled_mail(DatabaseProvider provider)
    {
        var report = (await runs.Of(provider)).Report;
        var mail = report.GetProperty("mail");
        Assert.Equal(18, mail.GetProperty("read").GetInt32());
        Assert.Equal(16, mail.GetProperty("accepted").GetInt32());
        Assert.Equal(1, mail.GetProperty("quarantined").GetInt32()); // 09, the stranger
        Assert.Equal(1, mail.GetProperty("ignored").GetInt32());     // 06, the auto-reply
        Assert.Equal(0, mail.GetProperty("failed").GetInt32());

        // Fire times between 1 March and 1 November: reminders 7, 3 and 1 days before each of the three
        // deadlines; one overdue day and one summary per deadline; digests Monday to Saturday, and
        // 1 March (a Friday) to 31 October is exactly 35 weeks: 35 × 6 = 210.
        var fires = report.GetProperty("fireTimes");
        Assert.Equal(9, fires.GetProperty("reminders").GetInt32());
        Assert.Equal(3, fires.GetProperty("overdue").GetInt32());
        Assert.Equal(210, fires.GetProperty("digest").GetInt32());
        Assert.Equal(3, fires.GetProperty("summary").GetInt32());

        var emails = report.GetProperty("emails");
        Assert.Equal(14, emails.GetProperty("receipts").GetInt32());
        Assert.Equal(1, emails.GetProperty("notices").GetInt32());
        Assert.Equal(28, emails.GetProperty("reminders").GetInt32());
        Assert.Equal(4, emails.GetProperty("overdue").GetInt32());
        Assert.Equal(15, emails.GetProperty("digests").GetInt32());
        Assert.Equal(3, emails.GetProperty("summaries").GetInt32());
        Assert.Equal(14 + 1 + 28 + 4 + 15 + 3, emails.GetProperty("total").GetInt32());
    }

    // A reminder at T is for the first period whose deadline is after T and goes to each cluster that,
    // counting that period's evidence received before T, lacks any required item of either track.
    // 6 tháng (3, 7, 9 June): Cụm 2 is complete since 28 May, every other cluster lacks items.
    // 9 tháng: on 3 September Cụm 2 has sent nothing for the period yet (its complete email comes on
    // the 5th), so all four; on the 7th and 9th the three others. Tổng kết: Cụm 2 complete since 2 October.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reminders_go_to_every_cluster_that_lacks_evidence_and_never_to_a_complete_one(DatabaseProvider provider)
    {
        var outcome = await runs.Of(provider);
        string[] Reminders(string period, string date, params string[] clusters) => [.. clusters.Select(c => $"reminder/{period}/{c}/{date}")];
        string[] expected =
        [
            .. Reminders("2024-6t", "2024-06-03", "cum-1", "cum-3", "cum-4"),
            .. Reminders("2024-6t", "2024-06-07", "cum-1", "cum-3", "cum-4"),
            .. Reminders("2024-6t", "2024-06-09", "cum-1", "cum-3", "cum-4"),
            .. Reminders("2024-9t", "2024-09-03", "cum-1", "cum-2", "cum-3", "cum-4"),
            .. Reminders("2024-9t", "2024-09-07", "cum-1", "cum-3", "cum-4"),
            .. Reminders("2024-9t", "2024-09-09", "cum-1", "cum-3", "cum-4"),
            .. Reminders("2024-nam", "2024-10-03", "cum-1", "cum-3", "cum-4"),
            .. Reminders("2024-nam", "2024-10-07", "cum-1", "cum-3", "cum-4"),
            .. Reminders("2024-nam", "2024-10-09", "cum-1", "cum-3", "cum-4"),
        ];
        Assert.Equal(expected, outcome.Keys("reminder"));
        // To the leader's and deputy's addresses, Cc the supervisor (CONTRACT §5).
        var cum3 = outcome.Outbox.First(r => r.Key == "reminder/2024-9t/cum-3/2024-09-09");
        Assert.Equal(["doan.hoathuan@example.org", "doan.hoaan@example.org", "btv.cum3@example.org"], cum3.Recipients);
    }

    // The missing units are named: Cụm 3's last 9-month reminder says Xã Long Thạnh and Xã Vĩnh Phú
    // have sent nothing, and no longer lists Xã Hòa Hưng for Đoàn (its 9-month zip came on 6 September).
    [Fact]
    public async Task A_reminder_names_the_units_that_sent_nothing()
    {
        var outcome = await runs.Of(DatabaseProvider.Sqlite);
        var reminder = Sent(outcome).Single(m => m.Headers["X-EvidenceMail-Purpose"] == "reminder"
            && m.Date == new DateTimeOffset(2024, 9, 9, 8, 0, 0, TimeSpan.FromHours(7)) && m.To.Mailboxes.Any(a => a.Address == "doan.hoathuan@example.org"));
        Assert.Equal("[Nhắc nộp minh chứng] Cụm 3 – 9 tháng năm 2024: còn 1 ngày", reminder.Subject);
        var text = reminder.TextBody!;
        var missing = text[text.IndexOf("Cụm còn thiếu:", StringComparison.Ordinal)..];
        var doan = missing[..missing.IndexOf("Công tác Hội và phong trào thanh niên", StringComparison.Ordinal)];
        Assert.Contains("Xã Long Thạnh: chưa có minh chứng nào", doan);
        Assert.Contains("Xã Vĩnh Phú: chưa có minh chứng nào", doan);
        Assert.DoesNotContain("Xã Hòa Hưng", doan);
    }

    // Overdue notices (one day after each deadline, 08:00) go to clusters with no accepted submission
    // for the period received before then: 11 June, Cụm 4 only (Cụm 1 has its 26 March email in
    // 6 tháng); 11 September, Cụm 4; 11 October, Cụm 1 (its year-end email comes on the 14th) and Cụm 4.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Overdue_notices_go_only_to_clusters_with_nothing_for_the_period(DatabaseProvider provider)
    {
        var outcome = await runs.Of(provider);
        Assert.Equal(
            ["overdue/2024-6t/cum-4/2024-06-11", "overdue/2024-9t/cum-4/2024-09-11", "overdue/2024-nam/cum-1/2024-10-11", "overdue/2024-nam/cum-4/2024-10-11"],
            outcome.Keys("overdue"));
        var notice = outcome.Outbox.First(r => r.Purpose == "overdue");
        Assert.Equal(["doan.conganhuyen@example.org", "doan.thptgiongrieng@example.org", "btv.cum4@example.org", "vanphong.huyendoan@example.org"], notice.Recipients);
    }

    // A digest at T covers [previous digest, T), so each message is in the first Monday–Saturday 17:00
    // after it: the Thursday-evening forward (08) and the stranger's Friday-morning email (09) share
    // Friday 7 June's; Monday 9 September 21:40 (14) is in Tuesday's. Summaries 2 hours after each deadline.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Digests_go_out_on_days_mail_came_and_a_summary_after_each_deadline(DatabaseProvider provider)
    {
        var outcome = await runs.Of(provider);
        string[] days = ["03-26", "04-18", "05-28", "06-03", "06-05", "06-07", "06-12", "08-27", "09-05", "09-06", "09-10", "09-13", "10-02", "10-08", "10-14"];
        Assert.Equal(days.Select(d => $"digest/2024-{d}T17:00"), outcome.Keys("digest"));
        Assert.Equal(["summary/2024-6t", "summary/2024-9t", "summary/2024-nam"], outcome.Keys("summary"));
        Assert.All(outcome.Outbox.Where(r => r.Purpose is "digest" or "summary"), r => Assert.Contains("vanphong.huyendoan@example.org", r.Recipients));
    }

    // One receipt per sender and sitting (Receipts:QuietSeconds = 120): the three parts of 28 May, a
    // minute apart, get one; the forward is answered to the supervisor who sent it; the auto-reply
    // gets nothing; the stranger gets the unknown-sender notice instead.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_sitting_gets_one_receipt_and_automatic_mail_none(DatabaseProvider provider)
    {
        var outcome = await runs.Of(provider);
        Assert.Equal(
        [
            "doan.ttgiongrieng@example.org", "doan.vinhthanh@example.org", "doan.ngocchuc@example.org", "doan.hoathuan@example.org",
            "btv.cum3@example.org", "doan.ttgiongrieng@example.org", "doan.hoaan@example.org", "doan.ngocchuc@example.org",
            "doan.hoathuan@example.org", "doan.ttgiongrieng@example.org", "doan.thanhbinh@example.org", "doan.ngocchuc@example.org",
            "doan.hoathuan@example.org", "doan.ttgiongrieng@example.org",
        ], outcome.Outbox.Where(r => r.Purpose == "receipt").Select(r => Assert.Single(r.Recipients)));
        Assert.Equal(["nguyenvana1990@gmail.com"], outcome.Outbox.Where(r => r.Purpose == "unknown-sender-notice").SelectMany(r => r.Recipients));

        var split = Sent(outcome).First(m => m.Headers["X-EvidenceMail-Purpose"] == "receipt" && m.To.Mailboxes.Single().Address == "doan.ngocchuc@example.org");
        Assert.Contains("đã nhận được 3 thư", split.TextBody);
    }

    // Year view (an item covered in any period counts): Cụm 2 covered everything on time in every period,
    // so it scores 100 in both tracks and has the highest timeliness; its leader is Xã Ngọc Chúc.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_year_proposal_names_Cum_2_and_its_leader_in_both_tracks(DatabaseProvider provider)
    {
        var winners = (await runs.Of(provider)).Report.GetProperty("winners").EnumerateArray().ToList();
        Assert.Equal(["doan", "hoi"], winners.Select(w => w.GetProperty("track").GetString()));
        Assert.All(winners, w =>
        {
            Assert.Equal("cum-2", w.GetProperty("leadingCluster").GetString());
            Assert.Equal("Cụm 2", w.GetProperty("leadingClusterName").GetString());
            Assert.Equal("xa-ngoc-chuc", w.GetProperty("outstandingLeader").GetString());
            Assert.Equal("Xã Ngọc Chúc", w.GetProperty("outstandingLeaderName").GetString());
        });
    }

    [Fact]
    public async Task Every_email_names_its_purpose_and_says_it_is_automatic()
    {
        var sent = Sent(await runs.Of(DatabaseProvider.Sqlite));
        Assert.Equal(65, sent.Count);
        Assert.All(sent, m =>
        {
            Assert.Contains(m.Headers["X-EvidenceMail-Purpose"], new[] { "receipt", "notice", "reminder", "overdue", "digest", "summary" });
            Assert.Equal(m.Headers["X-EvidenceMail-Purpose"] is "receipt" or "notice" ? "auto-replied" : "auto-generated", m.Headers["Auto-Submitted"]);
            // Dated by the simulated clock, inside the walk.
            Assert.InRange(m.Date, new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.FromHours(7)));
        });
    }

    [Fact]
    public async Task Index_html_lists_every_email_produced_and_shows_its_body()
    {
        var outcome = await runs.Of(DatabaseProvider.Sqlite);
        var index = await File.ReadAllTextAsync(Path.Combine(outcome.Folder, "index.html"));
        var emails = Directory.GetFiles(Path.Combine(outcome.Folder, "outbox"), "*.eml");
        Assert.Equal(65, emails.Length);
        foreach (var eml in emails)
        {
            var name = Path.GetFileNameWithoutExtension(eml);
            Assert.Contains($"href=\"outbox/{name}.eml\"", index);
            Assert.Contains($"src=\"html/{name}.html\"", index);
            var body = await File.ReadAllTextAsync(Path.Combine(outcome.Folder, "html", name + ".html"));
            Assert.Equal((await MimeMessage.LoadAsync(eml)).HtmlBody, body);
        }
        foreach (var received in Directory.GetFiles(Path.Combine(outcome.Folder, "mail-received"), "*.eml"))
            Assert.Contains($"href=\"mail-received/{Path.GetFileName(received)}\"", index);
        // Vietnamese as itself (NFC, not entities), markup in names encoded.
        Assert.Contains("Chạy thử: chiến dịch thi đua Huyện đoàn Giồng Riềng".Normalize(System.Text.NormalizationForm.FormC), index);
        Assert.Contains("[Nhắc nộp minh chứng] Cụm 3 – 9 tháng năm 2024: còn 1 ngày", index);
        Assert.Contains("Nguyễn Văn A &lt;nguyenvana1990@gmail.com&gt;", index);
    }

    [Fact]
    public async Task The_period_workbooks_the_year_report_and_the_export_package_are_in_the_folder()
    {
        var outcome = await runs.Of(DatabaseProvider.Sqlite);
        var reports = Path.Combine(outcome.Folder, "reports");
        foreach (var period in new[] { "2024-6t", "2024-9t", "2024-nam" })
        {
            Assert.True(File.Exists(Path.Combine(reports, "sent", $"tong-hop-{period}.xlsx")), period);
            Assert.True(File.Exists(Path.Combine(reports, "sent", $"tong-hop-{period}-doan.png")), period);
            Assert.True(File.Exists(Path.Combine(reports, "sent", $"tong-hop-{period}-hoi.png")), period);
        }
        Assert.True(File.Exists(Path.Combine(reports, "bao-cao-ca-nam-2024.xlsx")));
        Assert.True(File.Exists(Path.Combine(reports, "bao-cao-ca-nam-2024-doan.png")));
        using var package = ZipFile.OpenRead(Path.Combine(outcome.Folder, "export", "goi-minh-chung-2024.zip"));
        Assert.Contains(package.Entries, e => e.FullName == "index.xlsx");
        // Cụm 1's late 6-month zip put Thạnh Hòa's 1.1 under the criterion, cluster and unit (CONTRACT §5 Export).
        Assert.Contains(package.Entries, e => e.FullName.StartsWith("doan - Công tác Đoàn và phong trào thanh thiếu nhi/1.1 - ", StringComparison.Ordinal)
            && e.FullName.Contains("/Cụm 1/Xã Thạnh Hòa/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_demo_replaces_an_earlier_demo_folder_and_refuses_any_other()
    {
        var foreign = Path.Combine(runs.Scratch, "not-a-demo");
        Directory.CreateDirectory(foreign);
        await File.WriteAllTextAsync(Path.Combine(foreign, "notes.txt"), "the office's own file");
        var refused = await WorkerProcess.RunAsync(runs.Scratch, "demo", "--out", foreign);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not empty and was not made by an earlier demo", refused.Stderr);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(foreign).Select(Path.GetFileName));

        var again = await WorkerProcess.RunAsync(runs.Scratch, "demo", "--out", Path.Combine(runs.Scratch, "sqlite-again"), "--json");
        Assert.True(again.ExitCode == 0, again.Stderr);
        var twice = await WorkerProcess.RunAsync(runs.Scratch, "demo", "--out", Path.Combine(runs.Scratch, "sqlite-again"), "--json");
        Assert.True(twice.ExitCode == 0, twice.Stderr);
        using var first = JsonDocument.Parse(again.Stdout);
        using var second = JsonDocument.Parse(twice.Stdout);
        Assert.Equal(first.RootElement.GetProperty("emails").GetRawText(), second.RootElement.GetProperty("emails").GetRawText());
        Assert.Equal(65, Directory.GetFiles(Path.Combine(runs.Scratch, "sqlite-again", "outbox"), "*.eml").Length);
    }

    private static List<MimeMessage> Sent(DemoOutcome outcome) =>
        Directory.GetFiles(Path.Combine(outcome.Folder, "outbox"), "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList();
}
