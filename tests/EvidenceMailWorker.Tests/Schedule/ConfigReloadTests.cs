using System.Globalization;
using System.Text.RegularExpressions;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Schedule;

// Config is live (issue 9): an edit of campaign.json while `run` runs is validated; a valid one
// reschedules every trigger and logs what moved, a broken one is refused problem by problem and the
// worker keeps the last good campaign.
public sealed partial class ConfigReloadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [GeneratedRegex("\"Deadline\": \"2024-06-10T00:00:00\\+07:00\"")]
    private static partial Regex FirstDeadline();

    [Fact]
    public async Task A_valid_edit_reschedules_and_a_broken_one_keeps_the_last_good_campaign()
    {
        var config = _folder.Combine("config");
        Directory.CreateDirectory(config);
        var campaignFile = Path.Combine(config, "campaign.json");
        var original = File.ReadAllText(Path.Combine(RepositoryRoot.Config, "campaign.json"));
        File.WriteAllText(campaignFile, original);
        File.Copy(Path.Combine(RepositoryRoot.Config, "appsettings.json"), Path.Combine(config, "appsettings.json"));

        // The sample's 2024 deadlines are in the past; move the first to next year so it is ahead.
        var year = DateTime.UtcNow.Year + 1;
        var ahead = FirstDeadline().Replace(original, $"\"Deadline\": \"{year}-06-10T00:00:00+07:00\"");
        File.WriteAllText(campaignFile, ahead.Replace("\"Year\": 2024", $"\"Year\": {year}", StringComparison.Ordinal));

        using var worker = Process(config);
        await worker.WaitForLineAsync("Schedule:");

        File.WriteAllText(campaignFile, FirstDeadline().Replace(original, $"\"Deadline\": \"{year}-06-12T00:00:00+07:00\"")
            .Replace("\"Year\": 2024", $"\"Year\": {year}", StringComparison.Ordinal));
        await worker.WaitForLineAsync($"summary 2024-6t {year}-06-10 02:00 +07:00 → {year}-06-12 02:00 +07:00");
        Assert.Contains(worker.Lines, l => l.Contains("run `reprocess`", StringComparison.Ordinal));

        File.WriteAllText(campaignFile, original.Replace("\"At\": \"08:00\"", "\"At\": \"8h\"", StringComparison.Ordinal));
        await worker.WaitForLineAsync("was not applied");
        await worker.WaitForLineAsync("Campaign.Reminders.At: '8h' is not a time of day");
        Assert.False(worker.HasExited);
        await worker.StopAsync();
        // The refused edit changed nothing: no reschedule after it.
        var lines = worker.Lines.ToList();
        var refused = lines.FindIndex(l => l.Contains("was not applied", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.Skip(refused), l => l.Contains("Schedule changed:", StringComparison.Ordinal) || l.Contains("schedule is unchanged", StringComparison.Ordinal));
    }

    private RunningWorker Process(string config) =>
        new(WorkerProcess.Start(_folder.Path, "run", "--config-dir", config, $"--Storage:DataDirectory={_folder.Combine("data")}"));
}
