using System.Text.Encodings.Web;
using System.Text.Json;

namespace EvidenceMailWorker.Core;

// JSON for scripts: Vietnamese printed as itself (not \u escapes), times with the campaign's offset.
public static class JsonOutput
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    public static string Time(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
