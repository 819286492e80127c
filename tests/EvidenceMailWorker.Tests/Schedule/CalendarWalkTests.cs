using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Tests.Schedule;

// The whole 2025 calendar of a small city campaign walked fire time by fire time, with evidence
// arriving along the way (CONTRACT §5): who is reminded and told they are overdue, when, and with
// which missing items; a complete cluster gets nothing. Expected lists are written by hand.
public sealed class CalendarWalkTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    private static DateTimeOffset At(int month, int day, int hour = 10) => new(2025, month, day, hour, 0, 0, Vn);

    // 6t (deadline 15/6 17:00): cum-1 complete on 5/6; cum-2 sends its Đoàn items on 12/6 and its Hội
    // items on 14/6 at 08:00 (after that morning's reminder); cum-3 nothing.
    // 9t (15/9 17:00): cum-3 complete on 12/9; cum-2 sends Đoàn items on 16/9 (late); cum-1 nothing.
    // Year (30/11 17:00): nothing from anyone.
    private static readonly SubmissionRecord[] Evidence =
    [
        SmallCity.Submission("p1", "cum-1", "dtn", At(6, 5), "2025-6t", false, ("1", "p1"), ("1", "p3"), ("5", null)),
        SmallCity.Submission("p1", "cum-1", "hlhtn", At(6, 5), "2025-6t", false, ("1", "p1"), ("1", "p3")),
        SmallCity.Submission("p5", "cum-2", "dtn", At(6, 12), "2025-6t", false, ("1", "p5"), ("1", "p7"), ("5", null)),
        SmallCity.Submission("p5", "cum-2", "hlhtn", At(6, 14, 8), "2025-6t", false, ("1", "p5"), ("1", "p7")),
        SmallCity.Submission("hoa-luu", "cum-3", "dtn", At(9, 12), "2025-9t", false, ("1", "hoa-luu"), ("1", "tan-tien"), ("5", null)),
        SmallCity.Submission("hoa-luu", "cum-3", "hlhtn", At(9, 12), "2025-9t", false, ("1", "hoa-luu"), ("1", "tan-tien")),
        SmallCity.Submission("p5", "cum-2", "dtn", At(9, 16), "2025-9t", true, ("1", "p5"), ("1", "p7"), ("5", null)),
    ];

    [Fact]
    public void Every_reminder_and_overdue_notice_of_the_year_goes_to_exactly_the_clusters_that_lack_something()
    {
        var campaign = SmallCity.Campaign();
        var fires = new CampaignSchedule(campaign).Between(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)
            .Where(f => f.Job is JobNames.Reminders or JobNames.Overdue).ToList();
        var walked = fires.Select(f =>
        {
            var (_, emails) = f.Job == JobNames.Reminders
                ? ReminderPlanner.Reminders(campaign, f.At, Evidence)
                : ReminderPlanner.Overdue(campaign, f.At, Evidence);
            return $"{f.At:MM-dd HH:mm} {f.Job} {f.Period}: {string.Join(" ", emails.Select(e => e.Cluster))}";
        }).ToList();

        Assert.Equal(
        [
            "06-10 07:30 reminders 2025-6t: cum-2 cum-3",
            "06-14 07:30 reminders 2025-6t: cum-2 cum-3",
            "06-17 07:30 overdue 2025-6t: cum-3",
            "09-10 07:30 reminders 2025-9t: cum-1 cum-2 cum-3",
            "09-14 07:30 reminders 2025-9t: cum-1 cum-2",
            "09-17 07:30 overdue 2025-9t: cum-1",
            "11-25 07:30 reminders 2025-nam: cum-1 cum-2 cum-3",
            "11-29 07:30 reminders 2025-nam: cum-1 cum-2 cum-3",
            "12-02 07:30 overdue 2025-nam: cum-1 cum-2 cum-3",
        ], walked);
    }

    [Fact]
    public void Each_reminder_names_what_was_still_missing_at_its_own_time()
    {
        var campaign = SmallCity.Campaign();
        string Missing(DateTimeOffset at, string cluster)
        {
            var email = ReminderPlanner.Reminders(campaign, at, Evidence).Emails.Single(e => e.Cluster == cluster);
            return string.Join("; ", email.Missing!.Tracks.Select(t =>
                $"{t.Track}: {string.Join(" ", t.Units.SelectMany(u => u.Criteria.Select(c => $"{u.Id}/{c}")).Concat(t.Cluster.Select(c => $"cụm/{c}")))}"));
        }

        // 10/6: cum-2 has sent nothing.
        Assert.Equal("dtn: p5/1 p7/1 cụm/5; hlhtn: p5/1 p7/1", Missing(new(2025, 6, 10, 7, 30, 0, Vn), "cum-2"));
        // 14/6 07:30: the Đoàn items of 12/6 count; the Hội items arrive only at 08:00.
        Assert.Equal("dtn: ; hlhtn: p5/1 p7/1", Missing(new(2025, 6, 14, 7, 30, 0, Vn), "cum-2"));
        // 14/9: cum-2's 6t evidence does not count for 9t.
        Assert.Equal("dtn: p5/1 p7/1 cụm/5; hlhtn: p5/1 p7/1", Missing(new(2025, 9, 14, 7, 30, 0, Vn), "cum-2"));
    }
}
