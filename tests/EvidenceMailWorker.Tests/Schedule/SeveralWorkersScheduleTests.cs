using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Schedule;

// Two `run` processes on one PostgreSQL (each with its own data folder and outbox folder): a fire
// time is claimed in job_runs by one of them, the other says so, and the summary is sent once.
public sealed class SeveralWorkersScheduleTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_workers_on_one_PostgreSQL_send_a_due_summary_once()
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

        // Both fire the trigger; the one that claims the fire time second says so.
        await first.WaitForLineAsync("Job summary at");
        await second.WaitForLineAsync("Job summary at");
        string[] Sent() => [.. new[] { "a", "b" }.SelectMany(n => Directory.Exists(_folder.Combine(n, "outbox")) ? Directory.GetFiles(_folder.Combine(n, "outbox"), "*-summary-*.eml") : [])];
        await ScheduleRunTests.WaitForAsync(() => Sent() is { Length: > 0 } s ? s : null, TimeSpan.FromSeconds(30));
        Assert.True(first.Lines.Concat(second.Lines).Count(l => l.Contains("Job summary at", StringComparison.Ordinal) && l.Contains("was already run by another process", StringComparison.Ordinal)) == 1, string.Join("\n", first.Lines.Concat(["----"]).Concat(second.Lines)));
        await first.StopAsync();
        await second.StopAsync();
        Assert.Single(Sent());
    }
}
