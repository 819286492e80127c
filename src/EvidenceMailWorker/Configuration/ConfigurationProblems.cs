using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Configuration;

// Every problem in a loaded configuration, infrastructure and campaign alike: verbs refuse to
// start on any, and `config check` lists the same ones.
public static class ConfigurationProblems
{
    public static IReadOnlyList<ConfigProblem> Find(IConfiguration configuration)
    {
        CampaignReader.Read(configuration, out var campaignProblems);
        return [.. InfrastructureValidator.Validate(configuration), .. campaignProblems];
    }
}
