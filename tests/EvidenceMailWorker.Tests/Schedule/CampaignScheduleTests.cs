using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Schedule;

// CONTRACT §5: the fire times of reminders, overdue notices, digests and summaries, in the campaign's
// time zone. Expected instants are written out by hand from the rules.
public sealed class CampaignScheduleTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    private static IReadOnlyList<FireTime> Year(CampaignOptions c) =>
        new CampaignSchedule(c).Between(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    [Fact]
    public void The_sample_2024_calendar_has_three_reminders_an_overdue_notice_and_a_summary_per_deadline()
    {
        var fires = Year(SampleCampaign.Load()).Where(f => f.Job != JobNames.Digest).ToList();
        Assert.Equal(
        [
            new(JobNames.Reminders, new(2024, 6, 3, 8, 0, 0, Vn), "2024-6t", 7),
            new(JobNames.Reminders, new(2024, 6, 7, 8, 0, 0, Vn), "2024-6t", 3),
            new(JobNames.Reminders, new(2024, 6, 9, 8, 0, 0, Vn), "2024-6t", 1),
            new(JobNames.Summary, new(2024, 6, 10, 2, 0, 0, Vn), "2024-6t", null),
            new(JobNames.Overdue, new(2024, 6, 11, 8, 0, 0, Vn), "2024-6t", 1),
            new(JobNames.Reminders, new(2024, 9, 3, 8, 0, 0, Vn), "2024-9t", 7),
            new(JobNames.Reminders, new(2024, 9, 7, 8, 0, 0, Vn), "2024-9t", 3),
            new(JobNames.Reminders, new(2024, 9, 9, 8, 0, 0, Vn), "2024-9t", 1),
            new(JobNames.Summary, new(2024, 9, 10, 2, 0, 0, Vn), "2024-9t", null),
            new(JobNames.Overdue, new(2024, 9, 11, 8, 0, 0, Vn), "2024-9t", 1),
            new(JobNames.Reminders, new(2024, 10, 3, 8, 0, 0, Vn), "2024-nam", 7),
            new(JobNames.Reminders, new(2024, 10, 7, 8, 0, 0, Vn), "2024-nam", 3),
            new(JobNames.Reminders, new(2024, 10, 9, 8, 0, 0, Vn), "2024-nam", 1),
            new(JobNames.Summary, new(2024, 10, 10, 2, 0, 0, Vn), "2024-nam", null),
            new(JobNames.Overdue, new(2024, 10, 11, 8, 0, 0, Vn), "2024-nam", 1),
        ], fires);
        Assert.All(fires, f => Assert.Equal(Vn, f.At.Offset));
    }

    [Fact]
    public void Digests_fire_on_the_cron_throughout_the_campaign_year_only()
    {
        var digests = Year(SampleCampaign.Load()).Where(f => f.Job == JobNames.Digest).ToList();
        // MON-SAT at 17:00: every day of 2024 but its Sundays.
        var expected = Enumerable.Range(0, 366).Select(d => new DateTime(2024, 1, 1).AddDays(d)).Count(d => d.DayOfWeek != DayOfWeek.Sunday);
        Assert.Equal(expected, digests.Count);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 17, 0, 0, Vn), digests[0].At);
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 17, 0, 0, Vn), digests[^1].At);
        Assert.DoesNotContain(digests, d => d.At.DayOfWeek == DayOfWeek.Sunday);
    }

    [Fact]
    public void Another_campaigns_times_and_offsets_are_its_own()
    {
        // City: reminders 5 and 1 days before at 07:30, overdue 2 days after, summary 24 h after the
        // 17:00 deadlines; periods listed out of order.
        var fires = Year(TestCampaigns.Named(TestCampaigns.City)).Where(f => f.Job != JobNames.Digest && f.Period == "2025-6t").ToList();
        Assert.Equal(
        [
            new(JobNames.Reminders, new(2025, 6, 10, 7, 30, 0, Vn), "2025-6t", 5),
            new(JobNames.Reminders, new(2025, 6, 14, 7, 30, 0, Vn), "2025-6t", 1),
            new(JobNames.Summary, new(2025, 6, 16, 17, 0, 0, Vn), "2025-6t", null),
            new(JobNames.Overdue, new(2025, 6, 17, 7, 30, 0, Vn), "2025-6t", 2),
        ], fires);
    }

    [Fact]
    public void A_reminder_at_or_after_its_own_deadline_is_not_scheduled()
    {
        var c = SampleCampaign.Load();
        c.Reminders.DaysBefore = [0]; // 08:00 on 10 June is after the 00:00 deadline
        Assert.DoesNotContain(Year(c), f => f.Job == JobNames.Reminders);
    }

    [Fact]
    public void Times_across_a_daylight_saving_switch_are_local_wall_clock_times()
    {
        // Europe/Berlin: clocks go 02:00 → 03:00 on 31 March 2024 and 03:00 → 02:00 on 27 October 2024.
        var c = SampleCampaign.Load();
        c.TimeZone = "Europe/Berlin";
        c.Periods = [
            new PeriodOptions { Id = "spring", Name = "Xuân", Deadline = "2024-04-01T12:00:00+02:00" },
            new PeriodOptions { Id = "autumn", Name = "Thu", Deadline = "2024-10-28T12:00:00+01:00" },
        ];
        c.Reminders.At = "02:30";
        c.Reminders.DaysBefore = [2, 1];
        c.Reminders.OverdueDaysAfter = [];
        c.Digest.Cron = "0 0 9 ? * SUN";
        var fires = Year(c);
        var reminders = fires.Where(f => f.Job == JobNames.Reminders).Select(f => f.At).ToList();
        Assert.Equal(
        [
            new DateTimeOffset(2024, 3, 30, 2, 30, 0, TimeSpan.FromHours(1)), // before the switch: CET
            new DateTimeOffset(2024, 3, 31, 3, 30, 0, TimeSpan.FromHours(2)), // 02:30 does not exist that day
            new DateTimeOffset(2024, 10, 26, 2, 30, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2024, 10, 27, 2, 30, 0, TimeSpan.FromHours(2)), // 02:30 happens twice: the first
        ], reminders);
        var digests = fires.Where(f => f.Job == JobNames.Digest).Select(f => f.At).ToList();
        Assert.Contains(new DateTimeOffset(2024, 3, 24, 9, 0, 0, TimeSpan.FromHours(1)), digests);
        Assert.Contains(new DateTimeOffset(2024, 3, 31, 9, 0, 0, TimeSpan.FromHours(2)), digests);
        Assert.Contains(new DateTimeOffset(2024, 10, 27, 9, 0, 0, TimeSpan.FromHours(1)), digests);
        Assert.Equal(fires.Count, fires.Select(f => (f.Job, f.At, f.Period)).Distinct().Count());
    }

    [Fact]
    public void The_range_is_half_open_and_sorted_by_time_then_job()
    {
        var schedule = new CampaignSchedule(SampleCampaign.Load());
        var fires = schedule.Between(new(2024, 6, 9, 8, 0, 0, Vn), new(2024, 6, 11, 8, 0, 0, Vn));
        Assert.Equal(
        [
            (JobNames.Reminders, new DateTimeOffset(2024, 6, 9, 8, 0, 0, Vn)),
            (JobNames.Summary, new DateTimeOffset(2024, 6, 10, 2, 0, 0, Vn)),
            (JobNames.Digest, new DateTimeOffset(2024, 6, 10, 17, 0, 0, Vn)),
        ], fires.Select(f => (f.Job, f.At)));
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 17, 0, 0, Vn), schedule.Last());
        Assert.Equal(new DateTimeOffset(2024, 6, 8, 17, 0, 0, Vn), schedule.PreviousDigest(new(2024, 6, 10, 17, 0, 0, Vn)));
    }
}
