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

    // For System.Text.Json records (CONTRACT §3 camelCase). Members that are null are left out unless
    // a record marks them [JsonIgnore(Condition = Never)], because the contract prints some as null.
    public static readonly JsonSerializerOptions Records = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Time(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
