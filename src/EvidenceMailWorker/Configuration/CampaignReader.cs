using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Configuration;

// Binding plus validation of the Campaign section, in the one order that gives an admin the
// best messages: a missing section is one problem, not thirty "is empty" ones, and a value that
// could not be converted is not reported a second time as missing.
public static class CampaignReader
{
    public static CampaignOptions Read(IConfiguration config, out IReadOnlyList<ConfigProblem> problems)
    {
        if (!config.GetSection(CampaignOptions.Section).Exists())
        {
            problems = [new ConfigProblem(CampaignOptions.Section,
                $"section is missing; the campaign belongs in {ConfigurationLoader.CampaignFile} in the config folder")];
            return new CampaignOptions();
        }

        var shape = new List<ConfigProblem>();
        var campaign = OptionsReader.Read<CampaignOptions>(config, CampaignOptions.Section, shape);
        var shapePaths = shape.Select(x => x.Path).ToHashSet(StringComparer.Ordinal);
        problems = [.. shape, .. CampaignValidator.Validate(campaign).Where(x => !shapePaths.Contains(x.Path))];
        return campaign;
    }
}
