using System.Text;

namespace EvidenceMailWorker.Core;

// Turns a name chosen by a sender (or an archive tool) into one that is safe to show, store and
// write on both Windows and Linux, without losing Vietnamese letters: the office reads these names.
public static class FileNameSanitizer
{
    public const string Untitled = "untitled";

    // Linux allows 255 bytes per name; staying below leaves room for a suffix added on collisions.
    private const int MaxUtf8Bytes = 240;

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    public static string Sanitize(string? original)
    {
        if (string.IsNullOrWhiteSpace(original))
            return Untitled;

        var name = LastSegment(original.Normalize(NormalizationForm.FormC));

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
            builder.Append(IsUnsafe(c) ? '_' : c);

        // Windows silently drops trailing dots and spaces, so two different names could collide.
        name = builder.ToString().Trim().TrimEnd('.', ' ');
        if (name.Length == 0)
            return Untitled;

        var dot = name.IndexOf('.');
        var stem = (dot < 0 ? name : name[..dot]).TrimEnd(' ');
        if (ReservedDeviceNames.Contains(stem))
            name = "_" + name;

        return Truncate(name);
    }

    // The path of an entry inside an archive, in one canonical form for display and for matching
    // criteria folders ("Tiêu chí 1.1/ảnh 1.jpg"), never able to climb out of the archive.
    public static string NormalizeArchivePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Normalize(NormalizationForm.FormC)
            .Replace('\\', '/')
            .Split('/')
            .Where(s => s.Length > 0 && s != "." && s != "..");
        return string.Join('/', segments);
    }

    private static string LastSegment(string name)
    {
        var slash = name.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? name : name[(slash + 1)..];
    }

    // Besides what Windows or Linux reject, bidirectional controls go: "hoso\u202Efdp.exe" shows
    // as "hosoexe.pdf" to the office.
    private static bool IsUnsafe(char c) =>
        c < 0x20 || c == 0x7F || c is '<' or '>' or ':' or '"' or '/' or '\\' or '|' or '?' or '*'
        || c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Truncate(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxUtf8Bytes)
            return name;

        // Keep the extension: it decides how the office's computer opens the file.
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
        var stem = dot > 0 && extension.Length > 0 ? name[..dot] : name;
        var budget = MaxUtf8Bytes - Encoding.UTF8.GetByteCount(extension);

        var length = 0;
        var bytes = 0;
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(stem);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (bytes + size > budget)
                break;
            bytes += size;
            length += element.Length;
        }
        return stem[..length].TrimEnd('.', ' ') + extension;
    }
}
