using System.Globalization;
using System.Text;

namespace EvidenceMailWorker.Text;

// How a segment is separated from the one before it: written together (`H1`, `1a`), by one joiner
// (`.`, `-`, `_`: `I.1`, `TN-1`, `1.1_bao`), or by anything else (a space, a bracket, the start).
public enum Gap { Glued, Joiner, Space }

// A run of letters or a run of digits; Text is case-folded without diacritics (đ → d) and digit runs
// lose their leading zeros, so `TC 01`, `tc1` and `Tiêu chí 1` all read as `tc`/`tieu chi` + `1`.
public readonly record struct CodeSegment(string Text, bool IsDigits, Gap Gap);

// Criterion codes are compared as sequences of letter and digit segments rather than as words, so that
// `.`, `-` and `_` inside a code are alike (`H-4` = `H.4` = `H_4` = `H4`) and a letter written onto a
// number belongs to the code (`1a`, `H1.2`).
public static class CodeSegments
{
    public static IReadOnlyList<CodeSegment> Split(string? text)
    {
        var segments = new List<CodeSegment>();
        if (string.IsNullOrEmpty(text))
            return segments;
        var s = text.Normalize(NormalizationForm.FormD).ToLowerInvariant();
        var current = new StringBuilder();
        bool? currentDigits = null;
        var gap = Gap.Space;
        var pendingGap = Gap.Space;
        var joiners = 0;

        void Flush()
        {
            if (currentDigits is null)
                return;
            var value = current.ToString();
            if (currentDigits == true)
                value = value.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";
            segments.Add(new CodeSegment(value, currentDigits.Value, gap));
            current.Clear();
            currentDigits = null;
        }

        foreach (var raw in s)
        {
            if (IsMark(raw))
                continue;
            var c = raw is 'đ' or 'ð' ? 'd' : raw;
            var isDigit = char.IsDigit(c);
            if (isDigit || char.IsLetter(c))
            {
                if (currentDigits is not null && currentDigits != isDigit)
                {
                    Flush();
                    gap = Gap.Glued;
                }
                else if (currentDigits is null)
                {
                    gap = segments.Count == 0 ? Gap.Space : pendingGap;
                }
                currentDigits = isDigit;
                current.Append(isDigit ? (char)('0' + (int)char.GetNumericValue(c)) : c);
                pendingGap = Gap.Glued;
                joiners = 0;
                continue;
            }
            Flush();
            // One joiner between two segments keeps them in one code; two (`1..1`) or any other
            // character separate them.
            joiners++;
            pendingGap = c is '.' or '-' or '_' && joiners == 1 && pendingGap == Gap.Glued ? Gap.Joiner : Gap.Space;
        }
        Flush();
        return segments;
    }

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
