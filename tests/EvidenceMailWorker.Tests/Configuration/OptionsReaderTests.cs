using EvidenceMailWorker.Configuration;
using Xunit;

namespace EvidenceMailWorker.Tests.Configuration;

public sealed class OptionsReaderTests
{
    [Fact]
    public void Unconvertible_campaign_values_are_reported_once_and_the_rest_still_validated()
    {
        using var config = TestConfig.LoadRepoConfig(
            "--Campaign:Year=twenty-four",
            "--Campaign:Clusters:2:Leader=xa-ngoc-chuc",
            "--Campaign:Criteria:0:Points=năm");

        CampaignReader.Read(config, out var problems);

        ProblemAssert.Has(problems, "Campaign.Year", "'twenty-four' is not a whole number");
        ProblemAssert.Has(problems, "Campaign.Criteria[0].Points", "'năm' is not a number");
        ProblemAssert.Has(problems, "Campaign.Clusters[2].Leader", "is not a member of cluster 'cum-3'");
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void Misspelled_campaign_key_is_reported_with_its_json_path()
    {
        using var config = TestConfig.LoadRepoConfig("--Campaign:Clusters:1:Leadr=xa-ngoc-chuc");
        CampaignReader.Read(config, out var problems);
        ProblemAssert.Single(problems, "Campaign.Clusters[1].Leadr", "did you mean 'Leader'?");
    }

    [Fact]
    public void Object_where_a_list_belongs_is_reported()
    {
        var problems = new List<ConfigProblem>();
        var campaign = OptionsReader.Read<CampaignOptions>(
            TestConfig.InMemory(("Campaign:Office:Recipients:first", "a@example.org"), ("Campaign:Year", "2024")),
            CampaignOptions.Section, problems);

        ProblemAssert.Single(problems, "Campaign.Office.Recipients", "expected a list");
        Assert.Equal(2024, campaign.Year);
    }
}
