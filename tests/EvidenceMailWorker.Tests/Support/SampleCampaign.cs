using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Tests.Support;

// The repository's config/campaign.json (= the sample 2024 campaign), loaded the way the worker loads it.
public static class SampleCampaign
{
    public static CampaignOptions Load()
    {
        var configuration = ConfigurationLoader.Build(RepositoryRoot.Config, [], reloadOnChange: false);
        var problems = new List<ConfigProblem>();
        var campaign = OptionsReader.Read<CampaignOptions>(configuration, CampaignOptions.Section, problems);
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join("; ", problems));
        return campaign;
    }
}
