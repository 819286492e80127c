namespace EvidenceMailWorker.Tests.Understanding;

// CONTRACT §4 Period, against the sample's deadlines: 10 June, 10 September, 10 October 2024 (+07:00).
public sealed class PeriodTests
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    [Theory]
    [InlineData("Cụm 2 gửi minh chứng 6 tháng đầu năm 2024 - công tác Đoàn", "2024-6t")]
    [InlineData("Minh chứng quý II", "2024-6t")]
    [InlineData("Minh chứng quý III", "2024-9t")]
    [InlineData("Minh chứng quý IV", "2024-nam")]
    [InlineData("MINH CHỨNG CHÍN THÁNG", "2024-9t")]
    [InlineData("minh chung 9 thang nam 2024", "2024-9t")]
    [InlineData("Gửi minh chứng Q3 cụm 4", "2024-9t")]
    [InlineData("Minh chứng tổng kết năm 2024", "2024-nam")]
    [InlineData("Minh chứng cả năm", "2024-nam")]
    [InlineData("minh chung sau thang dau nam", "2024-6t")]
    public void The_subject_names_the_period(string subject, string period)
    {
        // Received long after every deadline: only the subject can say which period it is.
        var match = Sample.Message(subject, at: new DateTimeOffset(2024, 12, 1, 8, 0, 0, Vn));
        Assert.Equal((period, true), (match.PeriodId, match.PeriodNamedInSubject));
    }

    [Fact]
    public void Quy_II_does_not_match_inside_quy_III()
    {
        var match = Sample.Message("Minh chứng quý III", at: Sample.June8);
        Assert.Equal("2024-9t", match.PeriodId);
        Assert.False(match.Late);
    }

    [Fact]
    public void Two_periods_named_fall_back_to_the_received_time()
    {
        var match = Sample.Message("Tổng kết 6 tháng đầu năm 2024", at: Sample.June8);
        Assert.Equal(("2024-6t", false, false), (match.PeriodId, match.Late, match.PeriodNamedInSubject));
    }

    [Theory]
    [InlineData("2024-06-08T09:15:00+07:00", "2024-6t", false)] // before the first deadline
    [InlineData("2024-06-09T23:59:59+07:00", "2024-6t", false)]
    [InlineData("2024-06-10T00:00:00+07:00", "2024-6t", true)] // at the deadline is late
    [InlineData("2024-06-23T23:59:00+07:00", "2024-6t", true)] // inside the 14-day window
    [InlineData("2024-06-24T00:00:00+07:00", "2024-9t", false)] // the window has closed
    [InlineData("2024-09-15T10:00:00+07:00", "2024-9t", true)]
    [InlineData("2024-09-25T10:00:00+07:00", "2024-nam", false)]
    [InlineData("2024-10-20T10:00:00+07:00", "2024-nam", true)]
    [InlineData("2025-01-05T10:00:00+07:00", "2024-nam", true)] // after the last deadline: the last period
    [InlineData("2024-01-05T10:00:00+07:00", "2024-6t", false)]
    public void Without_a_period_in_the_subject_the_received_time_decides(string at, string period, bool late)
    {
        var match = Sample.Message("Cụm 2 gửi minh chứng", at: DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((period, late), (match.PeriodId!, match.Late!.Value));
    }

    [Fact]
    public void A_named_period_is_late_when_received_after_its_own_deadline()
    {
        var match = Sample.Message("Bổ sung minh chứng 6 tháng", at: new DateTimeOffset(2024, 7, 30, 8, 0, 0, Vn));
        Assert.Equal(("2024-6t", true), (match.PeriodId, match.Late!.Value));
        var early = Sample.Message("Minh chứng 9 tháng", at: new DateTimeOffset(2024, 7, 30, 8, 0, 0, Vn));
        Assert.Equal(("2024-9t", false), (early.PeriodId, early.Late!.Value));
    }

    [Fact]
    public void A_campaign_without_periods_gives_no_period()
    {
        var matcher = new EvidenceMailWorker.Understanding.CampaignMatcher(Sample.Modified(c => c.Periods.Clear()));
        var match = matcher.Match(new("Minh chứng quý II", Sample.June8, Sample.Leader, []));
        Assert.Equal((null, null), (match.PeriodId, match.Late));
    }
}
