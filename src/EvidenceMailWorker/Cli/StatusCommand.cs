using System.CommandLine;
using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Cli;

// `status` (CONTRACT §2): is the worker keeping up? Last mailbox contact and error per watched
// folder, last ingest, how many messages are in each status, the outbox backlog, and the last and
// next run of each scheduled job.
public static class StatusCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var json = GlobalOptions.Json();
        var command = new Command("status", "Health: last mailbox contact, last ingest, messages per status") { json };
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var database = host.Services.GetRequiredService<Database>();
            var mailboxes = await host.Services.GetRequiredService<MailboxCheckpoints>().ListAsync(ct);
            await using var connection = await database.OpenAsync(ct);
            var counts = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
                "SELECT status, COUNT(*) FROM messages GROUP BY status ORDER BY status", cancellationToken: ct))).ToList();
            var last = await connection.ExecuteScalarAsync<object?>(new CommandDefinition("SELECT MAX(ingested_at) FROM messages", cancellationToken: ct));
            DateTime? lastIngest = last is null or DBNull ? null : SqliteTime.Parse(last);
            var outbox = await connection.QuerySingleAsync<(long Queued, long Dead)>(new CommandDefinition(
                "SELECT COUNT(CASE WHEN sent_at IS NULL AND dead_at IS NULL THEN 1 END), COUNT(CASE WHEN dead_at IS NOT NULL THEN 1 END) FROM outbox",
                cancellationToken: ct));
            var jobs = await Jobs(host.Services, ct);
            if (parse.GetValue(json))
                WriteJson(mailboxes, counts, lastIngest, outbox, jobs);
            else
                WriteText(mailboxes, counts, lastIngest, outbox, jobs);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private sealed record JobStatus(string Job, JobRunRow? Last, DateTimeOffset? Next);

    private static async Task<List<JobStatus>> Jobs(IServiceProvider services, CancellationToken ct)
    {
        var last = await services.GetRequiredService<JobRunLog>().LastRunsAsync(ct);
        var schedule = new CampaignSchedule(services.GetRequiredService<IOptionsMonitor<CampaignOptions>>().CurrentValue);
        var upcoming = schedule.Between(services.GetRequiredService<TimeProvider>().GetUtcNow(), DateTimeOffset.MaxValue);
        return JobNames.All.Select(job => new JobStatus(job, last.FirstOrDefault(r => r.Job == job),
            upcoming.FirstOrDefault(f => f.Job == job)?.At)).ToList();
    }

    private static string Time(DateTime? utc) => utc is { } t ? new DateTimeOffset(t, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture) : "never";

    private static void WriteText(IReadOnlyList<MailboxStatusRow> mailboxes, List<(string Status, long Count)> counts, DateTime? lastIngest,
        (long Queued, long Dead) outbox, List<JobStatus> jobs)
    {
        foreach (var m in mailboxes)
        {
            Console.WriteLine($"mailbox {m.Account} {m.Folder}: last contact {Time(m.LastContactAtUtc)}, last message stored {Time(m.LastIngestAtUtc)}, UID {m.LastUid} (UIDVALIDITY {m.UidValidity})");
            if (m.LastError is not null)
                Console.WriteLine($"  last error: {m.LastError}");
        }
        Console.WriteLine($"last ingest: {Time(lastIngest)}");
        Console.WriteLine($"messages: {(counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Status} {c.Count}")))}");
        Console.WriteLine($"outbox: {outbox.Queued} waiting, {outbox.Dead} given up");
        foreach (var j in jobs)
            Console.WriteLine($"job {j.Job}: last {(j.Last is { } r ? $"{Time(r.FireAtUtc)} ({(r.FinishedAtUtc is null ? "unfinished" : $"{r.Emails} email(s)")})" : "never")}, next {(j.Next is { } n ? Time(n.UtcDateTime) : "none")}");
    }

    private static void WriteJson(IReadOnlyList<MailboxStatusRow> mailboxes, List<(string Status, long Count)> counts, DateTime? lastIngest,
        (long Queued, long Dead) outbox, List<JobStatus> jobs)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout))
        {
            w.WriteStartObject();
            w.WriteStartArray("mailboxes");
            foreach (var m in mailboxes)
            {
                w.WriteStartObject();
                w.WriteString("account", m.Account);
                w.WriteString("folder", m.Folder);
                WriteTime(w, "lastContactAt", m.LastContactAtUtc);
                WriteTime(w, "lastIngestAt", m.LastIngestAtUtc);
                w.WriteString("lastError", m.LastError);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteTime(w, "lastIngestAt", lastIngest);
            w.WriteStartObject("messages");
            foreach (var (status, count) in counts)
                w.WriteNumber(status, count);
            w.WriteEndObject();
            w.WriteStartObject("outbox");
            w.WriteNumber("queued", outbox.Queued);
            w.WriteNumber("dead", outbox.Dead);
            w.WriteEndObject();
            w.WriteStartArray("jobs");
            foreach (var j in jobs)
            {
                w.WriteStartObject();
                w.WriteString("job", j.Job);
                WriteTime(w, "lastFireAt", j.Last?.FireAtUtc);
                WriteTime(w, "lastFinishedAt", j.Last?.FinishedAtUtc);
                if (j.Last?.Emails is { } emails) w.WriteNumber("lastEmails", emails); else w.WriteNull("lastEmails");
                w.WriteString("lastError", j.Last?.Error);
                WriteTime(w, "nextAt", j.Next?.UtcDateTime);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stdout.Write("\n"u8);
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTime? utc)
    {
        if (utc is { } t)
            w.WriteString(name, new DateTimeOffset(t, TimeSpan.Zero));
        else
            w.WriteNull(name);
    }
}
