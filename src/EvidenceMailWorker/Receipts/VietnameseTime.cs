using System.Globalization;

namespace EvidenceMailWorker.Receipts;

// Times as a Vietnamese reader writes them ("09:15 ngày 08/06/2024"), in the campaign's time zone.
public static class VietnameseTime
{
    public static TimeZoneInfo Zone(string timeZoneId)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }

    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
