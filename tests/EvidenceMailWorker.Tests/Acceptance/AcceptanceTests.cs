using System.Text.Json;
using System.Text.Json.Nodes;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Acceptance;

// Realistic submissions through the real pipeline and database; each must show the facts of the .json
// beside it, as `submissions --json` would print them. Two campaigns of different shapes: the sample
// (Data/acceptance, made by generate.py there) and the city of tests/campaigns/city
// (Data/acceptance-city). SQLite for all; PostgreSQL for a few, the storage is shared.
public sealed class AcceptanceTests
{
    private static readonly Dictionary<string, string> FolderOfCampaign = new()
    {
        [TestCampaigns.Sample] = Path.Combine(AppContext.BaseDirectory, "Data", "acceptance"),
        [TestCampaigns.City] = Path.Combine(AppContext.BaseDirectory, "Data", "acceptance-city"),
    };

    private static readonly HashSet<string> AlsoOnPostgres =
    [
        "01-leader-files-per-unit", "02-zip-with-criterion-folders", "08-drive-links-text-and-html", "25-hoi-links-with-keywords", "31-unknown-sender",
        "01-numbered-wards-and-bare-codes", "09-zip-with-prefix-folders",
    ];

    public static TheoryData<string, string, DatabaseProvider> Cases()
    {
        var data = new TheoryData<string, string, DatabaseProvider>();
        foreach (var (campaign, folder) in FolderOfCampaign)
        {
            foreach (var name in Directory.GetFiles(folder, "*.eml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal))
            {
                data.Add(campaign, name!, DatabaseProvider.Sqlite);
                if (AlsoOnPostgres.Contains(name!))
                    data.Add(campaign, name!, DatabaseProvider.Postgres);
            }
        }
        return data;
    }

    [Fact]
    public void There_are_at_least_thirty_sample_cases_and_ten_city_cases()
    {
        Assert.True(Directory.GetFiles(FolderOfCampaign[TestCampaigns.Sample], "*.eml").Length >= 30);
        Assert.True(Directory.GetFiles(FolderOfCampaign[TestCampaigns.City], "*.eml").Length >= 10);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_submission_shows_its_expected_facts(string campaign, string name, DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider, campaign: TestCampaigns.Named(campaign));
        var folder = FolderOfCampaign[campaign];
        var result = await harness.IngestAsync(await File.ReadAllBytesAsync(Path.Combine(folder, name + ".eml")));
        var actual = Facts(await harness.SubmissionAsync(result.MessageId));
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, name + ".json")))!;
        Assert.Equal(expected.ToJsonString(Indented), actual.ToJsonString(Indented));
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Facts(SubmissionRecord s) => new()
    {
        ["status"] = s.Status,
        ["reason"] = s.Reason,
        ["cluster"] = s.Cluster,
        ["unit"] = s.Unit,
        ["track"] = s.Track,
        ["period"] = s.Period,
        ["late"] = s.Late,
        ["attachments"] = new JsonArray(s.Attachments.Select(a => (JsonNode)new JsonObject
        {
            ["fileName"] = a.FileName,
            ["criteria"] = Strings(a.Criteria),
            ["units"] = Strings(a.Units),
            ["archivePath"] = a.ArchivePath,
        }).ToArray()),
        ["links"] = new JsonArray(s.Links.Select(l => (JsonNode)new JsonObject
        {
            ["url"] = l.Url,
            ["criteria"] = Strings(l.Criteria),
            ["units"] = Strings(l.Units),
        }).ToArray()),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
