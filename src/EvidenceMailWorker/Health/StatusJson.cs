using System.Text.Json;
using EvidenceMailWorker.Core;

namespace EvidenceMailWorker.Health;

// The JSON of `status --json` and of GET /healthz (the same document; /healthz always carries `health`).
// Times are UTC with their offset.
public static class StatusJson
{
    public static void Write(Stream output, WorkerStatus status, HealthVerdict verdict, TimeSpan mailboxStale)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JsonOutput.WriterOptions.Encoder });
        w.WriteStartObject();
        w.WriteString("at", status.At.ToUniversalTime());
        w.WriteStartObject("health");
        w.WriteBoolean("healthy", verdict.Healthy);
        w.WriteStartArray("problems");
        foreach (var problem in verdict.Problems)
            w.WriteStringValue(problem);
        w.WriteEndArray();
        w.WriteNumber("mailboxStaleMinutes", (int)mailboxStale.TotalMinutes);
        w.WriteEndObject();
        w.WriteStartArray("mailboxes");
        foreach (var m in status.Mailboxes)
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
        WriteTime(w, "lastMailboxContactAt", status.LastMailboxContactAtUtc);
        WriteTime(w, "lastIngestAt", status.LastIngestAtUtc);
        w.WriteStartObject("messages");
        foreach (var c in status.Messages)
            w.WriteNumber(c.Status, c.Count);
        w.WriteEndObject();
        w.WriteStartObject("outbox");
        w.WriteNumber("queued", status.Outbox.Queued);
        w.WriteNumber("dead", status.Outbox.Dead);
        WriteTime(w, "oldestQueuedAt", status.Outbox.OldestQueuedAtUtc);
        w.WriteString("lastDeadError", status.Outbox.LastDeadError);
        w.WriteEndObject();
        w.WriteStartArray("jobs");
        foreach (var j in status.Jobs)
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
        w.WriteStartObject("scheduler");
        w.WriteString("store", status.SchedulerStore);
        w.WriteStartArray("nodes");
        foreach (var n in status.SchedulerNodes)
        {
            w.WriteStartObject();
            w.WriteString("instance", n.Instance);
            WriteTime(w, "lastCheckinAt", n.LastCheckinAtUtc);
            w.WriteNumber("checkinIntervalSeconds", n.CheckinInterval.TotalSeconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("configProblems");
        foreach (var problem in status.ConfigProblems)
            w.WriteStringValue(problem);
        w.WriteEndArray();
        w.WriteStartArray("configReload");
        foreach (var r in status.ConfigReloads)
        {
            w.WriteStartObject();
            w.WriteString("worker", r.Worker);
            w.WriteString("startedAt", r.StartedAt.ToUniversalTime());
            if (r.LastReloadAt is { } at) w.WriteString("lastReloadAt", at.ToUniversalTime()); else w.WriteNull("lastReloadAt");
            w.WriteString("state", r.State);
            w.WriteStartArray("problems");
            foreach (var problem in r.Problems)
                w.WriteStringValue(problem);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    // GET /healthz when the status itself cannot be read (the database is down): only the verdict.
    public static void WriteUnreadable(Stream output, DateTimeOffset at, string problem, TimeSpan mailboxStale)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JsonOutput.WriterOptions.Encoder });
        w.WriteStartObject();
        w.WriteString("at", at.ToUniversalTime());
        w.WriteStartObject("health");
        w.WriteBoolean("healthy", false);
        w.WriteStartArray("problems");
        w.WriteStringValue(problem);
        w.WriteEndArray();
        w.WriteNumber("mailboxStaleMinutes", (int)mailboxStale.TotalMinutes);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTime? utc)
    {
        if (utc is { } t)
            w.WriteString(name, new DateTimeOffset(t, TimeSpan.Zero));
        else
            w.WriteNull(name);
    }
}
