namespace EvidenceMailWorker.Text;

// The organisational prefixes unit lists put before a unit's own name, and the short forms leaders
// write instead: `Tân Hiệp` for `Đoàn xã Tân Hiệp`, `THCS Lê Lợi` for `Đoàn trường THCS Lê Lợi`.
// A unit whose own name is a number keeps its word (`Phường 1`, `P1`, `P.1`, `P 1`), because a bare
// `1` is every number in a file name. This list is documented in docs/matching.md; keep them equal.
public static class UnitShortForms
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
        var tokens = VietnameseText.Tokenize(name);
        foreach (var (prefix, also) in Prefixes.OrderByDescending(p => VietnameseText.Tokenize(p.Prefix).Count))
        {
            var prefixTokens = VietnameseText.Tokenize(prefix);
            if (tokens.Count <= prefixTokens.Count ||
                !prefixTokens.Select(t => t.Loose).SequenceEqual(tokens.Take(prefixTokens.Count).Select(t => t.Loose)))
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
        if (NumberAbbreviations.TryGetValue(VietnameseText.LooseKey(word), out var letter))
        {
            forms.Add($"{letter}{number}");
            forms.Add($"{letter} {number}");
        }
        return forms;
    }

    // What is left is a number or a lone numeral (`1`, `12`, `IV`): never a name on its own.
    private static bool IsNumberLike(string rest)
    {
        var tokens = VietnameseText.Tokenize(rest);
        return tokens.Count == 1 && (tokens[0].Exact.All(char.IsDigit) || CodeForm.Parse(rest) is { NeedsPrefix: true });
    }
}
