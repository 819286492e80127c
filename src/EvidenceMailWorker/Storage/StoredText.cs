using System.Text;

namespace EvidenceMailWorker.Storage;

// Text taken from a message is whatever the sender put there. PostgreSQL's text type cannot hold a
// NUL character and Npgsql refuses strings that are not valid UTF-16 (a lone surrogate); one such
// header would make the message impossible to store at all. Both become U+FFFD, on both providers
// alike, so a message reads the same whichever database holds it.
public static class StoredText
{
    public static string? Clean(string? text)
    {
        if (text is null || !NeedsCleaning(text))
            return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return builder.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                return true;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                return true;
        }
        return false;
    }
}
