using System.Text.Json;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Health;

// `status --json` and GET /healthz as an operator uses them beside a running `run` (real processes):
// a refused edit of campaign.json shows as `rejected` with its problems in both, `status` still
// reports (exit 0) while the files on disk have problems, and a good edit shows as `accepted`.
public sealed class StatusCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_refused_campaign_edit_shows_in_status_and_healthz_until_a_good_one_replaces_it()
    {
        var config = _folder.Combine("config");
        Directory.CreateDirectory(config);
        var campaign = Path.Combine(config, "campaign.json");
        var original = File.ReadAllText(Path.Combine(RepositoryRoot.Config, "campaign.json"));
        File.WriteAllText(campaign, original);
        File.Copy(Path.Combine(RepositoryRoot.Config, "appsettings.json"), Path.Combine(config, "appsettings.json"));
        var url = $"http://127.0.0.1:{PostfixServer.FreePort()}";
        string[] settings = ["--config-dir", config, $"--Storage:DataDirectory={_folder.Combine("data")}"];

        using var worker = new RunningWorker(WorkerProcess.Start(_folder.Path, ["run", $"--Health:Url={url}", .. settings]));
        await worker.WaitForLineAsync("Health endpoint: GET");
        Assert.Equal("loaded", (await ReloadStateAsync(url, until: "loaded")).GetProperty("state").GetString());

        File.WriteAllText(campaign, original.Replace("\"At\": \"08:00\"", "\"At\": \"8h\"", StringComparison.Ordinal));
        await worker.WaitForLineAsync("was not applied");
        var rejected = await ReloadStateAsync(url, until: "rejected");
        Assert.Contains(rejected.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("Campaign.Reminders.At: '8h'", StringComparison.Ordinal));
        Assert.NotEqual(JsonValueKind.Null, rejected.GetProperty("lastReloadAt").ValueKind);

        var status = await WorkerProcess.RunAsync(_folder.Path, ["status", "--json", .. settings]);
        Assert.True(status.ExitCode == 0, status.Stderr);
        using (var json = JsonDocument.Parse(status.Stdout))
        {
            var root = json.RootElement;
            Assert.Contains(root.GetProperty("configProblems").EnumerateArray(), p => p.GetString()!.StartsWith("Campaign.Reminders.At: '8h'", StringComparison.Ordinal));
            var reload = Assert.Single(root.GetProperty("configReload").EnumerateArray());
            Assert.Equal("rejected", reload.GetProperty("state").GetString());
            Assert.EndsWith(_folder.Combine("data"), reload.GetProperty("worker").GetString());
            Assert.True(root.GetProperty("health").GetProperty("healthy").GetBoolean());
        }

        // Back to the campaign in use: accepted (nothing to reschedule, so no "valid and in use" line).
        File.WriteAllText(campaign, original);
        Assert.Equal(0, (await ReloadStateAsync(url, until: "accepted")).GetProperty("problems").GetArrayLength());
        var text = await WorkerProcess.RunAsync(_folder.Path, ["status", .. settings]);
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("health: ok", text.Stdout);
        Assert.Contains("configuration accepted at", text.Stdout);
        await worker.StopAsync();
    }

    // The worker stores its state a moment after it logs the reload: wait for the state, not for time.
    private static async Task<JsonElement> ReloadStateAsync(string url, string until)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await http.GetAsync(url + "/healthz");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var reloads = body.GetProperty("configReload");
            if (reloads.GetArrayLength() == 1 && reloads[0].GetProperty("state").GetString() == until)
                return reloads[0].Clone();
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"configuration state never became '{until}': {body}");
            await Task.Delay(50);
        }
    }
}
