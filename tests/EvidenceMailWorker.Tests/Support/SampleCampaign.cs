using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Tests.Support;

// The repository's config/campaign.json (= the sample 2024 campaign), loaded the way the worker loads it.
public static class SampleCampaign
{
    public static CampaignOptions Load() => TestCampaigns.Load(RepositoryRoot.Config);
}

// The campaigns matching, acceptance and validation tests run over: the sample, and a city shaped
// unlike it (tests/campaigns/city: numbered wards, bare and digit+letter codes, codes repeated across
// tracks, prefixed unit names, twin names, periods out of order). Each is validated as `run` would.
public static class TestCampaigns
{
    public const string Sample = "sample";
    public const string City = "city";

    public static string CityFolder => Path.Combine(RepositoryRoot.Path, "tests", "campaigns", "city");

    public static string FolderOf(string name) => name == City ? CityFolder : RepositoryRoot.Config;

    public static CampaignOptions Named(string name) => Load(FolderOf(name));

    public static CampaignOptions Load(string configFolder)
    {
        var configuration = ConfigurationLoader.Build(configFolder, [], reloadOnChange: false);
        var campaign = CampaignReader.Read(configuration, out var problems);
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join("; ", problems));
        return campaign;
    }
}
