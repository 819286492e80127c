using System.Globalization;
using System.Text.RegularExpressions;

namespace EvidenceMailWorker.Configuration;

// A deadline without an offset would silently mean the server's zone, which differs between an
// admin's laptop and a hosted worker; CONTRACT §1 therefore demands an explicit Z or ±hh:mm.
public static partial class DeadlineFormat
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    public const string Example = "2024-06-10T00:00:00+07:00";

    public static bool TryParse(string? text, out DateTimeOffset deadline)
    {
        deadline = default;
        return text is not null && WithOffset().IsMatch(text) &&
               DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out deadline);
    }
}
