using System.Text.RegularExpressions;

namespace EvidenceMailWorker.Text;

// The organisational prefixes unit lists put before a unit's own name, and the short forms leaders
// write instead: `Tân Hiệp` for `Đoàn xã Tân Hiệp`, `THCS Lê Lợi` for `Đoàn trường THCS Lê Lợi`.
// A unit whose own name is a number keeps its word (`Phường 1`, `P1`, `P.1`, `P 1`), because a bare
// `1` is every number in a file name. This list is documented in docs/matching.md; keep them equal.
public static partial class UnitShortForms
{
    // (prefix, the administrative word that may stand for it): `Đoàn xã Tân Hiệp` is also `Xã Tân Hiệp`.
    private static readonly (string Prefix, string? Also)[] Prefixes =
    [
        ("Liên chi đoàn", null), ("Chi đoàn", null), ("Chi hội", null),
        ("Đoàn cơ sở", null), ("Đoàn trường", "Trường"), ("Đoàn khối", "Khối"),
        ("Đoàn xã", "Xã"), ("Đoàn phường", "Phường"), ("Đoàn thị trấn", "Thị trấn"),
        ("Xã đoàn", "Xã"), ("Phường đoàn", "Phường"), ("Hội LHTN xã", "Xã"), ("Hội LHTN phường", "Phường"),
        ("Xã", null), ("Phường", null), ("Thị trấn", null),
    ];

    // Abbreviations of an administrative word before a number: `P1`, `P.1`, `P 1` for `Phường 1`.
    private static readonly Dictionary<string, string> NumberAbbreviations = new(StringComparer.Ordinal)
    {
        [VietnameseText.LooseKey("Phường")] = "P",
    };

    public static IReadOnlyList<string> PrefixList => Prefixes.Select(p => p.Prefix).ToList();

    // The short forms of one name, before the campaign-wide rules drop any (UnitPhrases).
    public static IReadOnlyList<string> Of(string name)
    {
        // Token positions index the NFC text; slicing an NFD name with them would cut a mark off its letter.
        name = name.Normalize(System.Text.NormalizationForm.FormC);
        var tokens = VietnameseText.Tokenize(name);
        foreach (var (prefix, also) in Prefixes.OrderByDescending(p => VietnameseText.Tokenize(p.Prefix).Count))
        {
            var prefixTokens = VietnameseText.Tokenize(prefix);
            if (tokens.Count <= prefixTokens.Count || !prefixTokens.Select((t, i) => SameWord(t, tokens[i])).All(same => same))
                continue;
            var rest = name[tokens[prefixTokens.Count].Start..].Trim();
            var word = also ?? prefix;
            if (IsNumberLike(rest))
                return NumberForms(word, rest);
            var forms = new List<string> { rest };
            if (also is not null)
                forms.Add($"{also} {rest}");
            return forms;
        }
        return [];
    }

    // `Phường 1` (for `Đoàn phường 1`), then `P1` and `P 1` (`P.1` reads as `P 1`).
    private static List<string> NumberForms(string word, string number)
    {
        var forms = new List<string> { $"{word} {number}" };
        if (number.Any(char.IsDigit) && NumberAbbreviations.TryGetValue(VietnameseText.LooseKey(word), out var letter))
        {
            forms.Add($"{letter}{number}");
            forms.Add($"{letter} {number}");
        }
        return forms;
    }

    // A prefix word as written, or written without any diacritics (`Doan xa`); a word with other marks
    // is another word (`Xà Phiên` is not `Xã Phiên`, `Phương Thạnh` not `Phường Thạnh`).
    private static bool SameWord(Token prefix, Token word) =>
        prefix.Exact == word.Exact || (word.Bare && prefix.Loose == word.Loose);

    // What is left is a number, a numbered code-like word, a single letter or a Roman numeral (`1`,
    // `12`, `1A`, `B`, `IV`): never a name on its own (it is every number or reads as a criterion code).
    private static bool IsNumberLike(string rest)
    {
        var tokens = VietnameseText.Tokenize(rest);
        if (tokens.Count != 1 || CodeForm.Parse(rest) is null)
            return false;
        var word = tokens[0].Loose;
        return word.Any(char.IsDigit) || word.Length == 1 || RomanNumeral().IsMatch(word);
    }

    [GeneratedRegex("^x{0,3}(ix|iv|v?i{0,3})$")]
    private static partial Regex RomanNumeral();
}
