using System.Text.RegularExpressions;

namespace EvidenceMailWorker.Text;

// A criterion code as matching compares it (CONTRACT §4, generalised for every district): numbers
// (`1`, `12`), dotted numbers (`1.1`, `2.3.1`), Roman sections (`I.1`, `II.3`, `IV`), letter
// prefixes (`H1.2`, `TN-1`, `H-4`) and letter suffixes (`1a`, `1.1a`). Key is the comparable form
// (`H-1.2` → `h.1.2`); two codes with one Key are the same code. A leading `TC`/`Tiêu chí` is the
// prefix every leader may write, not part of the code, so `TC1` is code `1`.
public sealed partial record CodeForm(string Key, IReadOnlyList<string> Segments, bool NeedsPrefix)
{
    public const int MaxSegments = 6;
    public const int MaxPrefixLetters = 3;

    // Letters and digits with single joiners between them: no spaces, nothing before or after.
    [GeneratedRegex(@"^[\p{L}\p{M}\p{Nd}]+([.\-_][\p{L}\p{M}\p{Nd}]+)*$")]
    private static partial Regex Written();

    // What `config check` tells an admin the accepted forms are.
    public const string Forms = "1, 12, 1.1, 2.3.1, I.1, II.3, IV, H1.2, TN-1, H-4, 1a, 1.1a";

    public static CodeForm? Parse(string? code)
    {
        if (code is null || !Written().IsMatch(code.Normalize(System.Text.NormalizationForm.FormC)))
            return null;
        var segments = CodeSegments.Split(code).ToList();
        if (segments.Count == 0 || HasNonAscii(segments))
            return null;
        var prefix = CodePrefix.AtStart(segments);
        if (prefix == segments.Count)
            return null; // `TC` alone is the prefix, not a code
        if (prefix > 0)
            segments.RemoveRange(0, prefix);
        if (!IsCodeShape(segments))
            return null;
        var texts = segments.Select(s => s.Text).ToList();
        return new CodeForm(string.Join('.', texts), texts, LooksLikeAWord(segments));
    }

    // L? D+ l? | L: an optional short letter prefix (which may be a Roman section), numbers, an
    // optional one-letter suffix; or letters alone (`IV`, `A`).
    private static bool IsCodeShape(List<CodeSegment> s)
    {
        if (s.Count > MaxSegments)
            return false;
        var i = 0;
        if (!s[0].IsDigits)
        {
            if (s[0].Text.Length > MaxPrefixLetters)
                return false;
            if (s.Count == 1)
                return true;
            i = 1;
        }
        var digits = 0;
        while (i < s.Count && s[i].IsDigits)
        {
            digits++;
            i++;
        }
        if (digits == 0)
            return false;
        if (i < s.Count && s[i].Text.Length == 1 && !s[i].IsDigits)
            i++;
        return i == s.Count;
    }

    // A bare number or letters alone (a single letter, a Roman numeral, `DA`) are also ordinary words
    // or numbers in a file name (`ảnh 3.jpg`, `Phụ lục A`, `Phường IV`, `đã`), so they name a criterion
    // only after a prefix.
    private static bool LooksLikeAWord(List<CodeSegment> s) => s.Count == 1;

    private static bool HasNonAscii(List<CodeSegment> s) => s.Any(x => x.Text.Any(c => c > 127));
}
