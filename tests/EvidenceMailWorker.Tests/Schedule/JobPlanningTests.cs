using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Schedule;

// CONTRACT §5 Reminders, Overdue notices and Digests: who gets what, with exactly which missing items,
// on a small city campaign where everything can be counted by hand.
public sealed class JobPlanningTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    // cum-1 complete for both tracks by 5 June; cum-2 has only dtn 1 for p5; cum-3 nothing.
    private static List<SubmissionRecord> June()
    {
        var at = new DateTimeOffset(2025, 6, 5, 10, 0, 0, Vn);
        return
        [
            SmallCity.Submission("p1", "cum-1", "dtn", at, "2025-6t", false, ("1", "p1"), ("1", "p3"), ("5", null)),
            SmallCity.Submission("p1", "cum-1", "hlhtn", at, "2025-6t", false, ("1", "p1"), ("1", "p3")),
            SmallCity.Submission("p5", "cum-2", "dtn", at.AddDays(4), "2025-6t", false, ("1", "p5")),
        ];
    }

    [Fact]
    public void A_reminder_names_exactly_what_each_incomplete_cluster_lacks_and_complete_clusters_get_nothing()
    {
        var c = SmallCity.Campaign();
        var (period, emails) = ReminderPlanner.Reminders(c, new DateTimeOffset(2025, 6, 14, 7, 30, 0, Vn), June());

        Assert.Equal("2025-6t", period);
        Assert.Equal(["cum-2", "cum-3"], emails.Select(e => e.Cluster));
        var cum2 = emails[0];
        Assert.Equal("reminder/2025-6t/cum-2/2025-06-14", cum2.Key);
        Assert.Equal(["doanphuong5@example.org", "doanphuong7@example.org"], cum2.To);
        Assert.Equal(["btv.cum2@example.org"], cum2.Cc);
        // dtn: p7 lacks 1, the cluster lacks 5; hlhtn: both lack 1.
        var dtn = cum2.Missing!.Tracks.Single(t => t.Track == "dtn");
        Assert.Equal([("p7", "1")], dtn.Units.SelectMany(u => u.Criteria.Select(x => (u.Id, x))));
        Assert.Equal(["5"], dtn.Cluster);
        var hoi = cum2.Missing.Tracks.Single(t => t.Track == "hlhtn");
        Assert.Equal(["p5", "p7"], hoi.Units.Select(u => u.Id));
        Assert.Equal([("p5", "1"), ("p7", "1")], cum2.Missing.Units.SelectMany(u => u.Criteria.Select(x => (u.Id, x))));
        var view = Assert.IsType<ReminderView>(cum2.View);
        Assert.Equal(1, view.DaysLeft);
        Assert.Equal("17:00 ngày 15/06/2025", view.Deadline);
    }

    [Fact]
    public void Evidence_received_after_the_reminder_time_does_not_count_for_it()
    {
        // p5's message arrives on 9 June 10:00; the 5-days-before reminder is at 07:30 on 10 June.
        var (_, early) = ReminderPlanner.Reminders(SmallCity.Campaign(), new DateTimeOffset(2025, 6, 9, 9, 0, 0, Vn), June());
        var cum2 = early.Single(e => e.Cluster == "cum-2");
        Assert.Contains(cum2.Missing!.Tracks.Single(t => t.Track == "dtn").Units, u => u.Id == "p5");
    }

    [Fact]
    public void An_overdue_notice_goes_only_to_clusters_that_sent_nothing_copying_the_office()
    {
        var (period, emails) = ReminderPlanner.Overdue(SmallCity.Campaign(), new DateTimeOffset(2025, 6, 17, 7, 30, 0, Vn), June());
        Assert.Equal("2025-6t", period);
        var email = Assert.Single(emails);
        Assert.Equal("cum-3", email.Cluster);
        Assert.Equal("overdue/2025-6t/cum-3/2025-06-17", email.Key);
        Assert.Equal(["doanxahoaluu@example.org", "doanxatantien@example.org"], email.To);
        Assert.Equal(["btv.cum3@example.org", "vanphong.thanhdoan@example.org"], email.Cc);
        Assert.Equal(2, Assert.IsType<OverdueView>(email.View).DaysLate);
    }

    [Fact]
    public void Before_the_first_deadline_there_is_nothing_overdue() =>
        Assert.Empty(ReminderPlanner.Overdue(SmallCity.Campaign(), new DateTimeOffset(2025, 6, 15, 16, 0, 0, Vn), []).Emails);

    [Fact]
    public void A_cluster_whose_leader_and_deputy_have_no_address_is_reminded_through_its_supervisor()
    {
        var c = SmallCity.Campaign();
        c.Units.Where(u => u.Id is "hoa-luu" or "tan-tien").ToList().ForEach(u => u.Emails.Clear());
        var email = ReminderPlanner.Reminders(c, new DateTimeOffset(2025, 6, 14, 7, 30, 0, Vn), June()).Emails.Single(e => e.Cluster == "cum-3");
        Assert.Equal(["btv.cum3@example.org"], email.To);
        Assert.Empty(email.Cc);
    }

    [Fact]
    public void A_digest_covers_the_messages_since_the_previous_digest_and_is_skipped_when_empty_if_configured()
    {
        var c = SmallCity.Campaign();
        c.Digest.SkipWhenEmpty = true;
        var since = new DateTimeOffset(2025, 6, 4, 16, 30, 0, Vn);
        var at = new DateTimeOffset(2025, 6, 5, 16, 30, 0, Vn);
        var quarantined = SmallCity.Submission("p1", "cum-1", "dtn", at.AddHours(-1), "2025-6t", false) with { Status = MessageStatus.Quarantined, Reason = Reasons.UnknownSender, Unit = null, Cluster = null };
        var digest = DigestPlanner.Plan(c, since, at, [.. June(), quarantined], [], [])!;

        Assert.Equal("digest/2025-06-05T16:30", digest.Key);
        Assert.Equal(["vanphong.thanhdoan@example.org"], digest.To);
        Assert.Equal(new DigestCounts(3, 2, 1, 0, 0), digest.Counts);
        var view = Assert.IsType<DigestView>(digest.View);
        Assert.Equal(2, view.Clusters[0].Messages.Count); // cum-1's two messages of 5 June
        Assert.Empty(view.Clusters[1].Messages); // p5's message is on 9 June
        Assert.Equal("địa chỉ email gửi thư chưa được đăng ký cho đơn vị nào", Assert.Single(view.QuarantinedMail).Reason);
        Assert.Equal(100, view.Clusters[0].Percent);

        Assert.Null(DigestPlanner.Plan(c, at, at.AddDays(1), June(), [], []));
        c.Digest.SkipWhenEmpty = false;
        Assert.Equal(new DigestCounts(0, 0, 0, 0, 0), DigestPlanner.Plan(c, at, at.AddDays(1), June(), [], [])!.Counts);
    }

    [Fact]
    public void A_cluster_nobody_can_be_written_to_gets_an_email_without_recipients_that_the_runner_skips()
    {
        var c = SmallCity.Campaign();
        c.Units.Where(u => u.Id is "hoa-luu" or "tan-tien").ToList().ForEach(u => u.Emails.Clear());
        c.Clusters[2].Supervisor = new SupervisorOptions();
        var email = ReminderPlanner.Reminders(c, new DateTimeOffset(2025, 6, 14, 7, 30, 0, Vn), June()).Emails.Single(e => e.Cluster == "cum-3");
        Assert.Empty(email.To);
        Assert.Contains(CampaignNotes.Of(c), n => n.Contains("Cluster 'cum-3' has no address", StringComparison.Ordinal));
    }

    [Fact]
    public void The_how_to_send_example_uses_a_code_that_counts_as_written()
    {
        // City: codes 1 and 2 are in both tracks, so the example takes 3 (Đoàn only).
        var city = TestCampaigns.Named(TestCampaigns.City);
        var example = ReminderPlanner.HowToSend(city, city.Clusters[0], city.Periods[1]);
        Assert.StartsWith("TC 3 - ", example.FileExample);
        Assert.Equal("Cụm 1 gửi minh chứng 6 tháng đầu năm 2025", example.Subject);
        // Only shared codes left: the example subject names the track.
        var shared = SmallCity.Campaign();
        shared.Criteria = shared.Criteria.Where(x => x.Code == "1").ToList();
        Assert.Equal("Cụm 1 gửi minh chứng đoàn 6 tháng đầu năm 2025", ReminderPlanner.HowToSend(shared, shared.Clusters[0], shared.Periods[1]).Subject);
    }

    [Fact]
    public void A_summary_closes_the_period_of_its_own_fire_time()
    {
        // Run late, after the 9t deadline too: still the 6t summary when the fire time says so.
        var c = SmallCity.Campaign();
        var late = new DateTimeOffset(2025, 9, 20, 9, 0, 0, Vn);
        Assert.Equal("summary/2025-6t", SummaryPlanner.Plan(c, late, June(), "2025-6t").Email!.Key);
        Assert.Equal("summary/2025-9t", SummaryPlanner.Plan(c, late, June()).Email!.Key);
    }

    [Fact]
    public void Of_several_missed_reminders_of_a_period_only_the_latest_is_caught_up()
    {
        var schedule = new CampaignSchedule(SmallCity.Campaign());
        var missed = schedule.Between(new DateTimeOffset(2025, 6, 1, 0, 0, 0, Vn), new DateTimeOffset(2025, 6, 15, 0, 0, 0, Vn));
        var reminders = missed.Where(f => f.Job == JobNames.Reminders).ToList();
        Assert.Equal(2, reminders.Count); // 10 and 14 June
        Assert.Equal(reminders[1], MissedFires.SupersededBy(reminders[0], missed));
        Assert.Null(MissedFires.SupersededBy(reminders[1], missed));
    }
}
