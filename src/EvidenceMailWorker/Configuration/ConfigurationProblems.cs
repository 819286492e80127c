using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Configuration;

// Every problem in a loaded configuration, campaign and infrastructure alike; verbs refuse to
// start on any, `config check` lists them.
public static class ConfigurationProblems
{
    public static IReadOnlyList<ConfigProblem> Find(IConfiguration configuration)
    {
        var problems = new List<ConfigProblem>();
        if (!configuration.GetSection(CampaignOptions.Section).Exists())
        {
            problems.Add(new ConfigProblem(CampaignOptions.Section, "the campaign is missing: put it in campaign.json in the config folder"));
            return problems;
        }
        var campaign = OptionsReader.Read<CampaignOptions>(configuration, CampaignOptions.Section, problems);
        problems.AddRange(CampaignValidator.Validate(campaign));
        return problems;
    }
}
