using EvidenceMailWorker.Configuration;
using Xunit;

namespace EvidenceMailWorker.Tests.Configuration;

public sealed class CampaignValidatorTests
{
    private readonly CampaignOptions _c = TestConfig.SampleCampaign();

    private IReadOnlyList<ConfigProblem> Validate() => CampaignValidator.Validate(_c);

    [Fact]
    public void Sample_campaign_is_valid() => Assert.Empty(Validate());

    [Fact]
    public void Leader_outside_the_cluster_is_reported_at_the_leader()
    {
        _c.Clusters[2].Leader = "xa-ngoc-chuc";
        ProblemAssert.Single(Validate(), "Campaign.Clusters[2].Leader", "unit 'xa-ngoc-chuc' is not a member of cluster 'cum-3'");
    }

    [Fact]
    public void Leader_that_is_no_unit_is_reported()
    {
        _c.Clusters[0].Leader = "xa-khong-co";
        ProblemAssert.Single(Validate(), "Campaign.Clusters[0].Leader", "no unit has id 'xa-khong-co'");
    }

    [Fact]
    public void Deputy_equal_to_leader_is_reported()
    {
        _c.Clusters[1].Deputy = _c.Clusters[1].Leader;
        ProblemAssert.Single(Validate(), "Campaign.Clusters[1].Deputy", "already the cluster's leader");
    }

    [Fact]
    public void Deadline_without_offset_is_rejected()
    {
        _c.Periods[0].Deadline = "2024-06-10T00:00:00";
        ProblemAssert.Single(Validate(), "Campaign.Periods[0].Deadline", "'2024-06-10T00:00:00' is not an ISO 8601 date and time with an explicit offset");
    }

    [Theory]
    [InlineData("2024-06-10T00:00:00Z")]
    [InlineData("2024-06-10T00:00+07:00")]
    [InlineData("2024-06-09T17:00:00.000-00:00")]
    public void Deadline_with_offset_is_accepted(string deadline)
    {
        _c.Periods[0].Deadline = deadline;
        Assert.Empty(Validate());
    }

    [Fact]
    public void Periods_listed_out_of_deadline_order_are_accepted()
    {
        _c.Periods.Reverse();
        Assert.Empty(Validate());
    }

    [Fact]
    public void Two_periods_with_one_deadline_are_reported()
    {
        _c.Periods[2].Deadline = "2024-06-09T17:00:00Z"; // the same instant as Periods[0], written in UTC
        ProblemAssert.Single(Validate(), "Campaign.Periods[2].Deadline", "is also the deadline of Campaign.Periods[0] ('2024-6t')");
    }

    [Fact]
    public void A_unit_without_an_email_is_accepted()
    {
        _c.Units[3].Emails.Clear();
        Assert.Empty(Validate());
    }

    [Fact]
    public void Unit_in_two_clusters_is_reported_where_it_is_listed_second()
    {
        _c.Clusters[3].Units.Add("xa-hoa-an");
        ProblemAssert.Single(Validate(), "Campaign.Clusters[3].Units[6]", "unit 'xa-hoa-an' is already in cluster 'cum-3'");
    }

    [Fact]
    public void Unit_in_no_cluster_is_reported_at_the_unit()
    {
        _c.Clusters[3].Units.Remove("khoi-co-quan");
        ProblemAssert.Single(Validate(), "Campaign.Units[24]", "unit 'khoi-co-quan' is not in any cluster");
    }

    [Fact]
    public void Unknown_unit_in_a_cluster_is_reported()
    {
        _c.Clusters[0].Units[5] = "xa-thanh-hung-typo";
        var problems = Validate();
        ProblemAssert.Has(problems, "Campaign.Clusters[0].Units[5]", "no unit has id 'xa-thanh-hung-typo'");
        ProblemAssert.Has(problems, "Campaign.Units[5]", "unit 'xa-thanh-hung' is not in any cluster");
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Address_shared_by_two_units_is_reported_case_insensitively()
    {
        _c.Units[1].Emails.Add("DOAN.NgocChuc@example.org");
        ProblemAssert.Single(Validate(), "Campaign.Units[6].Emails[0]", "is already the address of unit 'xa-thanh-hoa' (Campaign.Units[1].Emails[1])");
    }

    [Fact]
    public void Unit_address_equal_to_a_staff_address_is_reported()
    {
        _c.Units[3].Emails[0] = "btv.cum2@example.org";
        ProblemAssert.Single(Validate(), "Campaign.Units[3].Emails[0]", "is a staff address (Campaign.Clusters[1].Supervisor.Email)");
    }

    [Theory]
    [InlineData("no-at-sign.example.org")]
    [InlineData("two@at@example.org")]
    [InlineData("user@localhost")]
    [InlineData("Đoàn xã <doan@example.org>")]
    [InlineData("user @example.org")]
    [InlineData("user@example..org")]
    public void Malformed_addresses_are_rejected(string address)
    {
        _c.Office.Recipients[0] = address;
        ProblemAssert.Single(Validate(), "Campaign.Office.Recipients[0]", $"'{address}' is not a valid e-mail address");
    }

    [Fact]
    public void Weights_not_summing_to_one_are_reported()
    {
        _c.Scoring.TimelinessWeight = 0.3;
        ProblemAssert.Single(Validate(), "Campaign.Scoring", "must add up to 1");
    }

    [Fact]
    public void Weight_outside_zero_to_one_is_reported()
    {
        _c.Scoring.CoverageWeight = 1.2;
        ProblemAssert.Single(Validate(), "Campaign.Scoring.CoverageWeight", "'1.2' must be between 0 and 1");
    }

    [Theory]
    [InlineData("0 17 * * *")]
    [InlineData("0 0 25 ? * MON-SAT")]
    [InlineData("every day at five")]
    public void Invalid_cron_is_reported(string cron)
    {
        _c.Digest.Cron = cron;
        ProblemAssert.Single(Validate(), "Campaign.Digest.Cron", $"'{cron}' is not a valid Quartz cron expression");
    }

    [Fact]
    public void Unknown_time_zone_is_reported()
    {
        _c.TimeZone = "Asia/Saigon_City";
        ProblemAssert.Single(Validate(), "Campaign.TimeZone", "time zone 'Asia/Saigon_City' is not known");
    }

    [Theory]
    [InlineData("8:00")]
    [InlineData("24:00")]
    [InlineData("08:00:00")]
    public void Reminder_time_must_be_HH_mm(string at)
    {
        _c.Reminders.At = at;
        ProblemAssert.Single(Validate(), "Campaign.Reminders.At", $"'{at}' is not a time of day in the form HH:mm");
    }

    [Fact]
    public void Negative_days_are_reported_per_entry()
    {
        _c.Reminders.DaysBefore[1] = -3;
        _c.Reminders.OverdueDaysAfter.Add(-1);
        _c.LateWindowDays = -1;
        var problems = Validate();
        ProblemAssert.Has(problems, "Campaign.Reminders.DaysBefore[1]", "'-3' is negative");
        ProblemAssert.Has(problems, "Campaign.Reminders.OverdueDaysAfter[1]", "'-1' is negative");
        ProblemAssert.Has(problems, "Campaign.LateWindowDays", "'-1' is negative");
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void A_code_repeated_in_another_track_is_accepted()
    {
        _c.Criteria[20].Code = "1.1";
        Assert.Empty(Validate());
    }

    [Theory]
    [InlineData("1-1")]
    [InlineData("1_1")]
    [InlineData("TC1.1")]
    public void Codes_that_read_the_same_in_one_track_are_reported(string code)
    {
        _c.Criteria[1].Code = code;
        ProblemAssert.Single(Validate(), "Campaign.Criteria[1].Code", $"code '{code}' reads the same as '1.1' of Campaign.Criteria[0] in the same track 'doan'");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("12")]
    [InlineData("2.3.1")]
    [InlineData("I.1")]
    [InlineData("II.3")]
    [InlineData("IV")]
    [InlineData("H1.2")]
    [InlineData("TN-1")]
    [InlineData("H-4")]
    [InlineData("1a")]
    [InlineData("1.1a")]
    [InlineData("Đ1.1")]
    public void Every_code_form_of_vietnamese_criteria_sets_is_accepted(string code)
    {
        _c.Criteria[0].Code = code;
        Assert.Empty(Validate());
    }

    [Fact]
    public void Criterion_code_reused_in_the_same_track_is_reported()
    {
        _c.Criteria[1].Code = "1.1";
        ProblemAssert.Single(Validate(), "Campaign.Criteria[1].Code", "in the same track 'doan'");
    }

    [Theory]
    [InlineData("TC 1.1")]
    [InlineData("1.")]
    [InlineData("ABCD1")]
    [InlineData("1..1")]
    [InlineData("1.1 a")]
    [InlineData("1.ab")]
    public void Malformed_criterion_code_is_reported(string code)
    {
        _c.Criteria[0].Code = code;
        ProblemAssert.Single(Validate(), "Campaign.Criteria[0].Code", $"code '{code}' is not a criterion code; use one of the forms");
    }

    [Fact]
    public void Criterion_scope_points_and_track_are_checked()
    {
        _c.Criteria[3].Scope = "unit";
        _c.Criteria[3].Points = 0;
        _c.Criteria[3].Track = "doan-typo";
        var problems = Validate();
        ProblemAssert.Has(problems, "Campaign.Criteria[3].Scope", "'unit' is not a scope");
        ProblemAssert.Has(problems, "Campaign.Criteria[3].Points", "'0' must be more than 0");
        ProblemAssert.Has(problems, "Campaign.Criteria[3].Track", "no track has id 'doan-typo'");
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Award_kind_track_and_prize_are_checked()
    {
        _c.Awards[1].Kind = "Leader";
        _c.Awards[1].Track = "hoi-lhtn";
        _c.Awards[1].PrizeVnd = -1;
        var problems = Validate();
        ProblemAssert.Has(problems, "Campaign.Awards[1].Kind", "'Leader' is not an award kind");
        ProblemAssert.Has(problems, "Campaign.Awards[1].Track", "no track has id 'hoi-lhtn'");
        ProblemAssert.Has(problems, "Campaign.Awards[1].PrizeVnd", "'-1' is negative");
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Duplicate_ids_are_reported_ignoring_case()
    {
        _c.Periods[2].Id = "2024-6T";
        ProblemAssert.Single(Validate(), "Campaign.Periods[2].Id", "period id '2024-6T' is already used by Campaign.Periods[0]");
    }

    [Fact]
    public void Blank_alias_and_keyword_entries_are_reported()
    {
        _c.Periods[0].Aliases.Add(" ");
        _c.Tracks[1].Keywords[0] = "";
        var problems = Validate();
        ProblemAssert.Has(problems, "Campaign.Periods[0].Aliases[6]", "is empty");
        ProblemAssert.Has(problems, "Campaign.Tracks[1].Keywords[0]", "is empty");
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Phrase_naming_two_periods_is_reported()
    {
        _c.Periods[1].Aliases.Add("Quý II");
        ProblemAssert.Single(Validate(), "Campaign.Periods[1].Aliases[5]", "'Quý II' also names period '2024-6t' (Campaign.Periods[0].Aliases[4])");
    }

    [Fact]
    public void Keyword_naming_two_tracks_is_reported_at_the_later_entry()
    {
        _c.Tracks[1].Keywords.Add("Đoàn");
        ProblemAssert.Single(Validate(), "Campaign.Tracks[1].Keywords[4]", "'Đoàn' also names track 'doan' (Campaign.Tracks[0].Keywords[0])");
    }

    [Fact]
    public void Unit_alias_equal_to_another_units_name_is_reported()
    {
        _c.Units[2].Aliases.Add("xã  thạnh hòa");
        ProblemAssert.Single(Validate(), "Campaign.Units[2].Aliases[0]", "also names unit 'xa-thanh-hoa' (Campaign.Units[1].Name)");
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        _c.Year = 0;
        _c.Mailbox = "huyendoan";
        _c.Periods[0].Deadline = "2024-06-10";
        _c.Clusters[2].Leader = "xa-ngoc-chuc";
        _c.Scoring.CoverageWeight = 0.5;
        _c.Digest.Cron = "* * *";

        var paths = Validate().Select(p => p.Path).ToList();

        Assert.Equal(
            [
                "Campaign.Year", "Campaign.Mailbox", "Campaign.Periods[0].Deadline", "Campaign.Digest.Cron",
                "Campaign.Scoring", "Campaign.Clusters[2].Leader",
            ],
            paths);
    }

    [Fact]
    public void Empty_campaign_reports_missing_essentials_without_throwing()
    {
        var problems = CampaignValidator.Validate(new CampaignOptions());
        foreach (var path in new[] { "Campaign.Year", "Campaign.Mailbox", "Campaign.Office.Recipients", "Campaign.Tracks", "Campaign.Periods", "Campaign.Units", "Campaign.Clusters", "Campaign.Criteria" })
            Assert.Contains(problems, p => p.Path == path);
    }
}
