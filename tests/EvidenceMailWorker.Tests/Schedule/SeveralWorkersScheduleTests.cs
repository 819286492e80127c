using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Schedule;

// Two `run` processes on one PostgreSQL (each with its own data folder and outbox folder) share
// Quartz's clustered job store in that database: both check in, the summary's trigger fires on one
// of them only, and the summary is sent once. job_runs claims are the second guard; this test shows
// the first one holds (no process even gets as far as finding the fire time claimed).
public sealed class SeveralWorkersScheduleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_workers_on_one_PostgreSQL_share_the_clustered_schedule_and_fire_a_due_summary_once()
    {
        var connection = await Infrastructure.PostgresServer.Instance.CreateDatabaseAsync("schedule");
        var deadline = ScheduleRunTests.Now().AddHours(-1);
        string[] Worker(string name) =>
        [
            .. ScheduleRunTests.Args(_folder, deadline, 1 + ScheduleRunTests.DueIn.TotalHours).Select(a => a.StartsWith("--Storage:DataDirectory=", StringComparison.Ordinal) ? $"--Storage:DataDirectory={_folder.Combine(name)}" : a),
            "--Database:Provider=Postgres", $"--Database:ConnectionString={connection}",
        ];
        using var first = new RunningWorker(WorkerProcess.Start(_folder.Path, Worker("a")));
        using var second = new RunningWorker(WorkerProcess.Start(_folder.Path, Worker("b")));
        await first.WaitForLineAsync("Schedule:");
        await second.WaitForLineAsync("Schedule:");

        await using var database = new Database(DatabaseProvider.Postgres, connection);
        await using (var db = await database.OpenAsync(CancellationToken.None))
        {
            // Both schedulers check in as members of one cluster (each does so once its Quartz has started),
            // and the summary's trigger is stored once, however many processes scheduled it.
            var checkedIn = 0L;
            for (var until = DateTime.UtcNow.AddSeconds(30); checkedIn < 2 && DateTime.UtcNow < until; await Task.Delay(100))
                checkedIn = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM qrtz_scheduler_state");
            Assert.Equal(2, checkedIn);
            Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM qrtz_triggers WHERE job_name = 'SummaryJob'"));
        }

        // `status` shows the cluster: both processes, checked in within the last minute.
        var status = await WorkerProcess.RunAsync(_folder.Path, "status", "--json", $"--Storage:DataDirectory={_folder.Combine("c")}",
            "--Database:Provider=Postgres", $"--Database:ConnectionString={connection}");
        Assert.True(status.ExitCode == 0, status.Stderr);
        using (var json = System.Text.Json.JsonDocument.Parse(status.Stdout))
        {
            var scheduler = json.RootElement.GetProperty("scheduler");
            Assert.Equal("clustered", scheduler.GetProperty("store").GetString());
            var nodes = scheduler.GetProperty("nodes").EnumerateArray().ToList();
            Assert.Equal(2, nodes.Count);
            Assert.All(nodes, n => Assert.InRange(n.GetProperty("lastCheckinAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)));
        }

        string[] Sent() => [.. new[] { "a", "b" }.SelectMany(n => Directory.Exists(_folder.Combine(n, "outbox")) ? Directory.GetFiles(_folder.Combine(n, "outbox"), "*-summary-*.eml") : [])];
        await ScheduleRunTests.WaitForAsync(() => Sent() is { Length: > 0 } s ? s : null, TimeSpan.FromSeconds(60));
        await first.StopAsync();
        await second.StopAsync();
        var lines = first.Lines.Concat(second.Lines).ToList();
        var log = string.Join("\n", first.Lines.Concat(["----"]).Concat(second.Lines));
        Assert.True(lines.Count(l => l.Contains("Job summary at", StringComparison.Ordinal) && l.Contains("email(s)", StringComparison.Ordinal)) == 1, log);
        // (Both processes catch up the missed digests of the past days at start: those meet in job_runs.)
        Assert.DoesNotContain(lines, l => l.Contains("Job summary at", StringComparison.Ordinal) && l.Contains("was already run by another process", StringComparison.Ordinal));
        Assert.Single(Sent());
    }
}
