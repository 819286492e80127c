using System.Globalization;
using System.Text;

namespace EvidenceMailWorker.Text;

// The comparison rules of CONTRACT §4: NFC, case folding, token boundaries, and the two forms of a
// word (with diacritics, tone placement ignored; and without any).
public static class VietnameseText
{
    // huyền, sắc, ngã, hỏi, nặng: the marks whose position differs between old and new spelling.
    private static bool IsTone(char c) => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    // A word is letters, digits and marks; a dot between two digits stays inside (1.1, H1.1, 1.10),
    // so a code never matches inside a longer number. Everything else (space, _, -, /, ., brackets)
    // separates words, which is what makes `TC 1.1`, `1.1_`, `1.1 -` and `Tiêu chí 1.1/` alike.
    public static IReadOnlyList<Token> Tokenize(string? text)
    {
        var tokens = new List<Token>();
        if (string.IsNullOrEmpty(text))
            return tokens;
        var s = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var inWord = i < s.Length && (IsWordChar(s[i]) ||
                (s[i] == '.' && start >= 0 && i > 0 && char.IsDigit(s[i - 1]) && i + 1 < s.Length && char.IsDigit(s[i + 1])));
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                tokens.Add(MakeToken(s, start, i));
                start = -1;
            }
        }
        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || IsMark(c);

    private static Token MakeToken(string s, int start, int end)
    {
        var decomposed = s[start..end].ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var exact = new StringBuilder(decomposed.Length);
        var loose = new StringBuilder(decomposed.Length);
        var tones = new StringBuilder(1);
        foreach (var raw in decomposed)
        {
            // ð (U+00F0) is what some legacy encodings produce for đ.
            var c = raw == 'ð' ? 'đ' : raw;
            if (IsTone(c))
                tones.Append(c);
            else
                exact.Append(c);
            if (!IsMark(c))
                loose.Append(c == 'đ' ? 'd' : c);
        }
        exact.Append(tones);
        var exactText = exact.ToString();
        var looseText = loose.ToString();
        return new Token(exactText == looseText ? looseText : exactText, looseText, start, end);
    }

    // The form two phrases are compared in, by the matcher and by config validation alike: equal keys
    // mean the matcher cannot tell the phrases apart (case, spacing, punctuation, tone placement).
    public static string Key(string? text) => string.Join(' ', Tokenize(text).Select(t => t.Exact));

    // The same without any diacritics: phrases with one LooseKey are told apart only by their marks.
    public static string LooseKey(string? text) => string.Join(' ', Tokenize(text).Select(t => t.Loose));

    // For display and tests: the NFC, case-folded, whitespace-collapsed form of a text.
    public static string Fold(string? text) =>
        string.Join(' ', (text ?? "").Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
