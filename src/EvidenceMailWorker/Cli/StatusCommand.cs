using System.CommandLine;
using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `status` (CONTRACT §2): is the worker keeping up? Last mailbox contact and error per watched
// folder, last ingest, and how many messages are in each status.
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
            if (parse.GetValue(json))
                WriteJson(mailboxes, counts, lastIngest);
            else
                WriteText(mailboxes, counts, lastIngest);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static string Time(DateTime? utc) => utc is { } t ? new DateTimeOffset(t, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture) : "never";

    private static void WriteText(IReadOnlyList<MailboxStatusRow> mailboxes, List<(string Status, long Count)> counts, DateTime? lastIngest)
    {
        foreach (var m in mailboxes)
        {
            Console.WriteLine($"mailbox {m.Account} {m.Folder}: last contact {Time(m.LastContactAtUtc)}, last message stored {Time(m.LastIngestAtUtc)}, UID {m.LastUid} (UIDVALIDITY {m.UidValidity})");
            if (m.LastError is not null)
                Console.WriteLine($"  last error: {m.LastError}");
        }
        Console.WriteLine($"last ingest: {Time(lastIngest)}");
        Console.WriteLine($"messages: {(counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Status} {c.Count}")))}");
    }

    private static void WriteJson(IReadOnlyList<MailboxStatusRow> mailboxes, List<(string Status, long Count)> counts, DateTime? lastIngest)
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
