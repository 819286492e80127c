using System.Diagnostics;
using System.Globalization;
using EvidenceMailWorker.Tests.Support;
using MimeKit;

namespace EvidenceMailWorker.Tests.Schedule;

// The schedule inside `run` (CONTRACT §5): a fire time that comes while the worker runs is carried
// out on time; one missed while it was down runs once at start when still useful, and not again at
// the next start. Times are real: the campaign's deadline is set around now, and the tests wait for
// the email file or the log line, never for a fixed time.
public sealed class ScheduleRunTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // How far after the worker's start a scheduled summary is due: longer than a start on a busy machine.
    public static readonly TimeSpan DueIn = TimeSpan.FromSeconds(40);

    private string Outbox => _folder.Combine("data", "outbox");

    private string[] Args(DateTimeOffset deadline, double delayHours) => Args(_folder, deadline, delayHours);

    public static string[] Args(TempFolder folder, DateTimeOffset deadline, double delayHours) =>
    [
        "run", $"--Storage:DataDirectory={folder.Combine("data")}",
        $"--Campaign:Year={deadline.Year}",
        $"--Campaign:Periods:0:Deadline={deadline.ToOffset(TimeSpan.FromHours(7)):yyyy-MM-ddTHH:mm:sszzz}",
        $"--Campaign:Summary:DelayHours={delayHours.ToString(CultureInfo.InvariantCulture)}",
    ];

    public static DateTimeOffset Now() => DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond));

    private string[] Summaries() => Directory.Exists(Outbox) ? Directory.GetFiles(Outbox, "*-summary-*.eml") : [];

    [Fact]
    public async Task A_summary_due_while_the_worker_runs_is_sent_at_its_time()
    {
        // Deadline an hour ago, summary 1 h 40 s after it: due forty seconds from now, well after the
        // worker has started (a slower start would show as a "Missed summary" line and fail below).
        var deadline = Now().AddHours(-1);
        using var worker = new RunningWorker(WorkerProcess.Start(_folder.Path, Args(deadline, 1 + DueIn.TotalHours)));
        await worker.WaitForLineAsync("Schedule:");

        var file = await WaitForAsync(() => Summaries().FirstOrDefault(), TimeSpan.FromSeconds(60));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("summary", message.Headers["X-EvidenceMail-Purpose"]);
        Assert.Contains("6 tháng đầu năm 2024", message.Subject);
        Assert.Contains("vanphong.huyendoan@example.org", message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains(message.Attachments, a => ((MimePart)a).FileName == "tong-hop-2024-6t.xlsx");
        await worker.StopAsync();
        Assert.DoesNotContain(worker.Lines, l => l.Contains("Missed summary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_summary_missed_while_down_runs_once_at_start_and_not_again()
    {
        // Deadline a day ago, summary 2 h after it: missed 22 h ago, less than 7 days: still useful.
        var deadline = Now().AddDays(-1);
        var args = Args(deadline, 2);
        using (var first = new RunningWorker(WorkerProcess.Start(_folder.Path, args)))
        {
            await first.WaitForLineAsync("Schedule:");
            Assert.Contains(first.Lines, l => l.Contains("Missed summary at", StringComparison.Ordinal) && l.Contains("runs now", StringComparison.Ordinal));
            Assert.Single(await WaitForAsync(() => Summaries() is { Length: > 0 } s ? s : null, TimeSpan.FromSeconds(30)));
            await first.StopAsync();
        }
        using (var second = new RunningWorker(WorkerProcess.Start(_folder.Path, args)))
        {
            await second.WaitForLineAsync("Schedule:");
            Assert.DoesNotContain(second.Lines, l => l.Contains("Missed summary", StringComparison.Ordinal));
            await second.StopAsync();
        }
        Assert.Single(Summaries());
    }

    [Fact]
    public async Task A_summary_missed_more_than_seven_days_ago_is_skipped_with_a_log_line()
    {
        var deadline = Now().AddDays(-8);
        using var worker = new RunningWorker(WorkerProcess.Start(_folder.Path, Args(deadline, 2)));
        await worker.WaitForLineAsync("Schedule:");
        Assert.Contains(worker.Lines, l => l.Contains("Missed summary at", StringComparison.Ordinal) && l.Contains("is skipped: it is more than 7 days old", StringComparison.Ordinal));
        await worker.StopAsync();
        Assert.Empty(Summaries());
    }

    public static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout) where T : class
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } found)
                return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("the expected file did not appear");
    }
}
