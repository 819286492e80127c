using EvidenceMailWorker.Core;
using System.Text.Json;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Cli;

// `submissions --json`, field for field as CONTRACT §3 specifies, written as the rows arrive:
// the writer's buffer goes out every 64 KB, so a province's archive costs no more memory than a cluster's.
public static class SubmissionsJson
{
    private const int FlushBytes = 1 << 16;

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<SubmissionRecord> submissions, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, JsonOutput.WriterOptions);
        json.WriteStartArray();
        await foreach (var s in submissions.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("id", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("messageId", s.MessageId);
            json.WriteString("receivedAt", JsonOutput.Time(s.ReceivedAtUtc, zone));
            json.WriteString("from", s.From);
            json.WriteString("fromName", s.FromName);
            json.WriteString("originalFrom", s.OriginalFrom);
            json.WriteString("subject", s.Subject);
            json.WriteString("status", s.Status);
            json.WriteString("reason", s.Reason);
            if (s.Error is not null)
                json.WriteString("error", s.Error);
            json.WriteString("cluster", s.Cluster);
            json.WriteString("unit", s.Unit);
            json.WriteString("track", s.Track);
            json.WriteString("period", s.Period);
            if (s.Late is { } late)
                json.WriteBoolean("late", late);
            else
                json.WriteNull("late");
            json.WriteStartArray("attachments");
            foreach (var a in s.Attachments)
            {
                json.WriteStartObject();
                json.WriteString("fileName", a.FileName);
                json.WriteString("originalFileName", a.OriginalFileName);
                json.WriteString("contentType", a.DetectedContentType);
                json.WriteString("declaredContentType", a.DeclaredContentType);
                json.WriteNumber("size", a.Size);
                json.WriteString("sha256", a.Sha256);
                WriteStrings(json, "criteria", a.Criteria);
                WriteStrings(json, "units", a.Units);
                json.WriteString("archivePath", a.ArchivePath);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("links");
            foreach (var l in s.Links)
            {
                json.WriteStartObject();
                json.WriteString("url", l.Url);
                WriteStrings(json, "criteria", l.Criteria);
                WriteStrings(json, "units", l.Units);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            if (json.BytesPending >= FlushBytes)
                await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
            json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
