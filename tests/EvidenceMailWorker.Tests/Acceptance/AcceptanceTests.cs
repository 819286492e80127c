using System.Text.Json;
using System.Text.Json.Nodes;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Acceptance;

// Realistic submissions to the sample campaign (Data/acceptance/*.eml, made by generate.py there)
// through the real pipeline and database; each must show the facts of the .json beside it, as
// `submissions --json` would print them. SQLite for all; PostgreSQL for a few, the storage is shared.
public sealed class AcceptanceTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "acceptance");

    private static readonly HashSet<string> AlsoOnPostgres =
        ["01-leader-files-per-unit", "02-zip-with-criterion-folders", "08-drive-links-text-and-html", "25-hoi-links-with-keywords", "31-unknown-sender"];

    public static TheoryData<string, DatabaseProvider> Cases()
    {
        var data = new TheoryData<string, DatabaseProvider>();
        foreach (var name in Directory.GetFiles(Folder, "*.eml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal))
        {
            data.Add(name!, DatabaseProvider.Sqlite);
            if (AlsoOnPostgres.Contains(name!))
                data.Add(name!, DatabaseProvider.Postgres);
        }
        return data;
    }

    [Fact]
    public void There_are_at_least_thirty_cases() => Assert.True(Directory.GetFiles(Folder, "*.eml").Length >= 30);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_submission_shows_its_expected_facts(string name, DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var result = await harness.IngestAsync(await File.ReadAllBytesAsync(Path.Combine(Folder, name + ".eml")));
        var actual = Facts(await harness.SubmissionAsync(result.MessageId));
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, name + ".json")))!;
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
