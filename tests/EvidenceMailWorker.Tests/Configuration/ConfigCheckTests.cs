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
