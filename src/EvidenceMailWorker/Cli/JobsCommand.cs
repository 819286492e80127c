using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Schedule;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Cli;

// `jobs run JOB --at INSTANT [--dry-run] [--json]` (CONTRACT §2/§3): a scheduled job as if the clock
// read INSTANT. Without --dry-run the emails are queued under their keys and delivered before the
// verb exits (as `import --send-receipts` does); what cannot be delivered stays for `run` to retry.
public static class JobsCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var job = new Argument<string>("JOB") { Description = $"One of {string.Join(", ", JobNames.All)}" };
        job.AcceptOnlyFromAmong([.. JobNames.All]);
        var at = new Option<string>("--at") { Description = "The instant (ISO 8601; without an offset it is campaign-local)", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the emails it would send instead of sending them" };
        var json = GlobalOptions.Json();
        var run = new Command("run", "Run reminders, overdue, digest or summary as if the clock read INSTANT") { job, at, dryRun, json };
        run.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var campaign = host.Services.GetRequiredService<IOptionsMonitor<CampaignOptions>>().CurrentValue;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(campaign.TimeZone);
            if (!Instants.TryParse(parse.GetValue(at), zone, out var instant, default))
            {
                await Console.Error.WriteLineAsync("--at: expected an ISO 8601 instant such as 2024-06-07T08:00:00+07:00 or a local date-time such as 2024-06-07T08:00");
                return ExitCodes.UsageOrConfiguration;
            }
            var result = await host.Services.GetRequiredService<JobRunner>().RunAsync(parse.GetValue(job)!, LocalTime.InZone(instant, zone), parse.GetValue(dryRun), ct);
            if (!result.DryRun)
            {
                var delivery = await host.Services.GetRequiredService<OutboxSender>().SendDueAsync(ct);
                await Console.Error.WriteLineAsync($"{result.Job}: {result.Emails.Count} email(s), {result.Queued} newly queued, {delivery.Sent} sent, {delivery.Failed + delivery.Dead} not delivered yet (kept in the outbox)");
            }
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(JobRunJson.From(result), JsonOutput.Records));
            else
                WriteText(result);
            return ExitCodes.Success;
        }, cancellationToken));
        return new Command("jobs", "Run and preview the scheduled jobs") { run };
    }

    private static void WriteText(JobRun run)
    {
        Console.OutputEncoding = new System.Text.UTF8Encoding(false);
        Console.WriteLine($"{run.Job} at {run.At:yyyy-MM-dd HH:mm zzz}{(run.Period is null ? "" : $", period {run.Period}")}: {run.Emails.Count} email(s){(run.DryRun ? " (dry run)" : "")}");
        foreach (var email in run.Emails)
        {
            Console.WriteLine();
            Console.WriteLine($"--- {email.Plan.Key}");
            Console.WriteLine($"To: {string.Join(", ", email.Plan.To)}");
            if (email.Plan.Cc.Count > 0)
                Console.WriteLine($"Cc: {string.Join(", ", email.Plan.Cc)}");
            Console.WriteLine($"Subject: {email.Rendered.Subject}");
            if (email.Attachments.Count > 0)
                Console.WriteLine($"Attachments: {string.Join(", ", email.Attachments)}");
            Console.WriteLine();
            Console.WriteLine(email.Rendered.Text.TrimEnd());
        }
    }
}

// CONTRACT §3 `jobs run --json`.
public sealed record JobRunJson(string Job, DateTimeOffset At, string? Period, bool DryRun, IReadOnlyList<JobEmailJson> Emails)
{
    public static JobRunJson From(JobRun run) => new(run.Job, run.At, run.Period, run.DryRun, run.Emails.Select(e => new JobEmailJson(
        e.Plan.Purpose, e.Plan.Key, e.Plan.To, e.Plan.Cc, e.Rendered.Subject, e.Rendered.Text, e.Plan.Cluster, e.Plan.Period, e.Plan.Missing,
        e.Plan.Since, e.Plan.Until, e.Plan.Counts?.Messages, e.Plan.Counts?.Accepted, e.Plan.Counts?.Quarantined, e.Plan.Counts?.Ignored,
        e.Plan.Counts?.Failed, e.Attachments.Count == 0 ? null : e.Attachments.Select(a => Path.GetFileName(a)).ToList())).ToList());
}

public sealed record JobEmailJson(
    string Purpose, string Key, IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Subject, string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Cluster,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Period,
    Missing? Missing, DateTimeOffset? Since, DateTimeOffset? Until,
    int? Messages, int? Accepted, int? Quarantined, int? Ignored, int? Failed, IReadOnlyList<string>? Attachments);
