using EvidenceMailWorker.Configuration;
using Xunit;

namespace EvidenceMailWorker.Tests.Configuration;

public sealed class ConfigCheckTests
{
    [Fact]
    public void Valid_configuration_prints_a_summary_and_exits_0()
    {
        using var config = TestConfig.LoadRepoConfig();
        var (code, stdout, stderr) = Run(config);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("Huyện đoàn Giồng Riềng — campaign 2024", stdout);
        Assert.Contains("huyendoangiongrieng@gmail.com", stdout);
        Assert.Contains("Asia/Ho_Chi_Minh (UTC+07:00)", stdout);
        Assert.Contains("18 criteria, 90 points", stdout);
        Assert.Contains("2024-06-10 00:00 (UTC+07:00)  6 tháng đầu năm 2024", stdout);
        Assert.Contains("cum-3", stdout);
        Assert.Contains("7 units, leader Xã Hòa Thuận, supervisor Ủy viên BTV phụ trách Cụm 3 <btv.cum3@example.org>", stdout);
        Assert.Contains("Database   Sqlite", stdout);
        Assert.Contains("Mailbox    Folder", stdout);
        Assert.Contains("Outbox     Folder", stdout);
        Assert.True(stdout.Split('\n').Length <= 30, "the summary should fit on one screen:\n" + stdout);
    }

    [Fact]
    public void The_city_campaign_passes_and_the_office_is_told_which_codes_need_the_prefix()
    {
        using var config = TestConfig.Load(Support.TestCampaigns.CityFolder);
        var (code, stdout, stderr) = Run(config);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("Thành đoàn Vị Thanh — campaign 2025", stdout);
        Assert.Contains("Codes recognised only after 'TC' or 'Tiêu chí' (e.g. 'TC 1', 'Tiêu chí 1'; not '1' alone): 1, 2, 3, 5", stdout);
        Assert.Contains("Codes in several tracks, counted only when the subject names the track (or other codes of the message decide it): 1 (dtn, hlhtn), 2 (dtn, hlhtn)", stdout);
        Assert.Contains("Units without an e-mail address (their cluster's leader sends for them): dien-luc", stdout);
    }

    [Fact]
    public void The_sample_says_which_short_form_is_not_used_and_why()
    {
        using var config = TestConfig.LoadRepoConfig();
        var (_, stdout, _) = Run(config);
        Assert.Contains("Unit 'tt-giong-rieng' is not recognised by the short form 'Giồng Riềng': it is part of the organisation's own name", stdout);
    }

    [Fact]
    public void A_broken_copy_of_the_city_campaign_is_explained()
    {
        using var config = TestConfig.Load(Support.TestCampaigns.CityFolder, [
            "--Campaign:Criteria:3:Code=4 a", "--Campaign:Units:2:Aliases:0=3", "--Campaign:Periods:2:Deadline=2025-06-15T10:00:00Z"]);
        var (code, stdout, stderr) = Run(config);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Campaign.Periods[2].Deadline: '2025-06-15T10:00:00Z' is also the deadline of Campaign.Periods[1] ('2025-6t')", lines[0]);
        Assert.StartsWith("Campaign.Units[2].Aliases[0]: '3' is a bare number or a single letter", lines[1]);
        Assert.StartsWith("Campaign.Criteria[3].Code: code '4 a' is not a criterion code", lines[2]);
        Assert.Equal("3 configuration problems found.", lines[3]);
    }

    [Fact]
    public void Link_hosts_are_checked_and_shown()
    {
        using var good = TestConfig.LoadRepoConfig("--Understanding:LinkHosts:0=photos.google.com", "--Understanding:LinkHosts:1=drive.google.com");
        Assert.Contains("Links      photos.google.com, drive.google.com", Run(good).Stdout);
        using var bad = TestConfig.LoadRepoConfig("--Understanding:LinkHosts:0=https://photos.google.com/");
        var (code, _, stderr) = Run(bad);
        Assert.Equal(1, code);
        Assert.StartsWith("Understanding.LinkHosts[0]: 'https://photos.google.com/' is not a host name", stderr);
    }

    [Fact]
    public void Deadlines_are_shown_in_the_campaign_time_zone()
    {
        using var config = TestConfig.LoadRepoConfig("--Campaign:Periods:0:Deadline=2024-06-09T17:00:00Z");
        var (code, stdout, _) = Run(config);
        Assert.Equal(0, code);
        Assert.Contains("2024-06-10 00:00 (UTC+07:00)  6 tháng đầu năm 2024", stdout);
    }

    [Fact]
    public void Problems_go_to_stderr_as_path_colon_message_and_exit_1()
    {
        using var config = TestConfig.LoadRepoConfig(
            "--Campaign:Clusters:2:Leader=xa-ngoc-chuc", "--Database:Provider=Postgress");
        var (code, stdout, stderr) = Run(config);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(
            [
                "Database.Provider: 'Postgress' is not one of 'Sqlite', 'Postgres'",
                "Campaign.Clusters[2].Leader: unit 'xa-ngoc-chuc' is not a member of cluster 'cum-3'",
                "2 configuration problems found.",
            ],
            lines);
    }

    private static (int Code, string Stdout, string Stderr) Run(Microsoft.Extensions.Configuration.IConfiguration config)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ConfigCheck.Run(config, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
