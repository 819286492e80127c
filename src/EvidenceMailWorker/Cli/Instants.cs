using System.Globalization;

namespace EvidenceMailWorker.Cli;

// Instants typed on the command line (`--at`, `--from`, `--to`): ISO 8601 with an offset, or a local
// date or date-time without one, read in the campaign's time zone (what an admin in the office means).
public static class Instants
{
    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset value, DateTimeOffset fallback)
    {
        value = fallback;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out value))
            return true;
        string[] local = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        if (!DateTime.TryParseExact(text.Trim(), local, CultureInfo.InvariantCulture, styles, out var wall))
            return false;
        value = Schedule.LocalTime.At(DateOnly.FromDateTime(wall), TimeOnly.FromDateTime(wall), zone);
        return true;
    }

    private static bool HasOffset(string text) =>
        text.TrimEnd().EndsWith('Z') || text.TrimEnd().EndsWith('z') ||
        (text.Length > 6 && text.TrimEnd()[^6] is '+' or '-' && text.TrimEnd()[^3] == ':');
}
