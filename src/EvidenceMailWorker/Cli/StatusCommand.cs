using System.CommandLine;
using System.Globalization;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Cli;

// `status` (CONTRACT §2): is the worker keeping up? Last mailbox contact and error per watched
// folder, last ingest, how many messages are in each status, the outbox backlog, the last and next
// run of each scheduled job, what each running worker made of the configuration, and the health
// verdict GET /healthz gives. Exit 0 whatever the verdict: it is a report, not a probe; so it also
// runs on a campaign with problems (listing them), since the running worker keeps its last good one.
public static class StatusCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var json = GlobalOptions.Json();
        var command = new Command("status", "Health: last mailbox contact, last ingest, outbox backlog, job runs, configuration reloads") { json };
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var status = await host.Services.GetRequiredService<WorkerStatusReader>().ReadAsync(ct);
            var stale = TimeSpan.FromMinutes(host.Services.GetRequiredService<IOptions<HealthOptions>>().Value.MailboxStaleMinutes);
            var verdict = HealthRules.Judge(status, stale, runningSince: null);
            if (parse.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                StatusJson.Write(stdout, status, verdict, stale);
                stdout.Write("\n"u8);
            }
            else
            {
                WriteText(status, verdict);
            }
            return ExitCodes.Success;
        }, cancellationToken, reportsCampaignProblems: true));
        return command;
    }

    private static string Time(DateTime? utc) => utc is { } t ? new DateTimeOffset(t, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture) : "never";

    private static void WriteText(WorkerStatus status, HealthVerdict verdict)
    {
        Console.WriteLine(verdict.Healthy ? "health: ok" : $"health: UNHEALTHY");
        foreach (var problem in verdict.Problems)
            Console.WriteLine($"  {problem}");
        foreach (var m in status.Mailboxes)
        {
            Console.WriteLine($"mailbox {m.Account} {m.Folder}: last contact {Time(m.LastContactAtUtc)}, last message stored {Time(m.LastIngestAtUtc)}, UID {m.LastUid} (UIDVALIDITY {m.UidValidity})");
            if (m.LastError is not null)
                Console.WriteLine($"  last error: {m.LastError}");
        }
        Console.WriteLine($"last ingest: {Time(status.LastIngestAtUtc)}");
        Console.WriteLine($"messages: {(status.Messages.Count == 0 ? "none" : string.Join(", ", status.Messages.Select(c => $"{c.Status} {c.Count}")))}");
        Console.WriteLine($"outbox: {status.Outbox.Queued} waiting{(status.Outbox.OldestQueuedAtUtc is { } oldest ? $" (oldest since {Time(oldest)})" : "")}, {status.Outbox.Dead} given up");
        foreach (var j in status.Jobs)
            Console.WriteLine($"job {j.Job}: last {(j.Last is { } r ? $"{Time(r.FireAtUtc)} ({(r.FinishedAtUtc is null ? "unfinished" : $"{r.Emails} email(s)")})" : "never")}, next {(j.Next is { } n ? Time(n.UtcDateTime) : "none")}");
        Console.WriteLine(status.SchedulerStore == "clustered"
            ? $"scheduler: clustered on PostgreSQL, {status.SchedulerNodes.Count} process(es) checked in"
            : "scheduler: in the running worker's memory (SQLite)");
        foreach (var n in status.SchedulerNodes)
            Console.WriteLine($"  {n.Instance}: last check-in {Time(n.LastCheckinAtUtc)}");
        if (status.ConfigProblems.Count > 0)
        {
            Console.WriteLine($"configuration files: {status.ConfigProblems.Count} problem(s); a running worker keeps its last good configuration (run `config check`):");
            foreach (var problem in status.ConfigProblems)
                Console.WriteLine($"  {problem}");
        }
        foreach (var r in status.ConfigReloads)
        {
            Console.WriteLine($"worker {r.Worker}: started {Time(r.StartedAt.UtcDateTime)}, configuration {r.State}{(r.LastReloadAt is { } at ? $" at {Time(at.UtcDateTime)}" : "")}");
            foreach (var problem in r.Problems)
                Console.WriteLine($"  {problem}");
        }
    }
}
