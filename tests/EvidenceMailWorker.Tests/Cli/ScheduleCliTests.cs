using System.Text.Json;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Cli;

// `schedule` as an admin runs it after editing the campaign (CONTRACT §2/§3).
public sealed class ScheduleCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Schedule_json_lists_the_range_in_local_time_sorted_by_time_then_job()
    {
        var run = await WorkerProcess.RunAsync(_folder.Path, "schedule", "--json", "--from", "2024-06-09", "--to", "2024-06-11T12:00:00+07:00");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var rows = json.RootElement.EnumerateArray()
            .Select(e => $"{e.GetProperty("job").GetString()} {e.GetProperty("at").GetString()} {e.GetProperty("period")} {e.GetProperty("offsetDays")}")
            .ToList();
        Assert.Equal(
        [
            "reminders 2024-06-09T08:00:00+07:00 2024-6t 1",
            "summary 2024-06-10T02:00:00+07:00 2024-6t ",
            "digest 2024-06-10T17:00:00+07:00  ",
            "overdue 2024-06-11T08:00:00+07:00 2024-6t 1",
        ], rows);
    }

    [Fact]
    public async Task Schedule_text_shows_the_deadline_driven_jobs_and_counts()
    {
        var run = await WorkerProcess.RunAsync(_folder.Path, "schedule", "--from", "2024-01-01");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("deadline  Mon 2024-06-10 00:00 (+07:00)  2024-6t  6 tháng đầu năm 2024", run.Stdout);
        Assert.Contains("Fri 2024-06-07 08:00 (+07:00)  reminders  2024-6t  3 day(s) before the deadline", run.Stdout);
        Assert.Contains("329 fire times: 314 digest, 9 reminders, 3 summary, 3 overdue", run.Stdout);
    }

    [Fact]
    public async Task A_bad_instant_or_a_broken_config_exits_1()
    {
        var bad = await WorkerProcess.RunAsync(_folder.Path, "schedule", "--from", "next week");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("expected an ISO 8601 instant", bad.Stderr);
        var broken = await WorkerProcess.RunAsync(_folder.Path, "schedule", "--Campaign:Reminders:At=8h");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("Campaign.Reminders.At", broken.Stderr);
    }
}
