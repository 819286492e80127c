namespace EvidenceMailWorker.Text;

// Where a configured phrase was found in a text, in token positions.
public readonly record struct Occurrence(string Entity, int First, int End, int Length, bool Exact)
{
    public bool Overlaps(Occurrence other) => First < other.End && other.First < End;
}

// A set of configured phrases (names, aliases, keywords, codes), each naming one entity, compiled for
// repeated search. Implements the precedence of CONTRACT §4: a match with diacritics beats one
// without; an occurrence overlapped by a longer one is dropped; a phrase matches without diacritics
// only when no phrase spelt otherwise has the same diacritic-free form.
public sealed class PhraseIndex
{
    private sealed record Phrase(string Entity, Token[] Tokens, bool LooseAllowed);

    private readonly Dictionary<string, List<Phrase>> _byFirstLoose = new(StringComparer.Ordinal);

    public PhraseIndex(IEnumerable<(string Entity, string Text)> phrases, bool allowLoose = true)
    {
        var parsed = phrases
            .Select(p => (p.Entity, Tokens: VietnameseText.Tokenize(p.Text).ToArray()))
            .Where(p => p.Tokens.Length > 0)
            .ToList();
        // Two entities with the very same phrase (twin unit names in two clusters) are told apart by
        // the caller; what makes leaving out diacritics ambiguous is two spellings with one loose form.
        var spellingsByLooseForm = parsed
            .GroupBy(p => LooseForm(p.Tokens), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => ExactForm(p.Tokens)).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        foreach (var (entity, tokens) in parsed)
        {
            var phrase = new Phrase(entity, tokens, allowLoose && spellingsByLooseForm[LooseForm(tokens)] == 1);
            if (!_byFirstLoose.TryGetValue(tokens[0].Loose, out var list))
                _byFirstLoose[tokens[0].Loose] = list = [];
            list.Add(phrase);
        }
    }

    public bool IsEmpty => _byFirstLoose.Count == 0;

    private static string LooseForm(Token[] tokens) => string.Join(' ', tokens.Select(t => t.Loose));

    private static string ExactForm(Token[] tokens) => string.Join(' ', tokens.Select(t => t.Exact));

    // Every surviving occurrence, in text order.
    public IReadOnlyList<Occurrence> Find(IReadOnlyList<Token> text)
    {
        var exact = new List<Occurrence>();
        var loose = new List<Occurrence>();
        for (var i = 0; i < text.Count; i++)
        {
            if (!_byFirstLoose.TryGetValue(text[i].Loose, out var candidates))
                continue;
            foreach (var phrase in candidates)
            {
                var kind = Compare(phrase, text, i);
                if (kind is null)
                    continue;
                var end = i + phrase.Tokens.Length;
                var occurrence = new Occurrence(phrase.Entity, i, end, text[end - 1].End - text[i].Start, kind.Value);
                (kind.Value ? exact : loose).Add(occurrence);
            }
        }
        var keptExact = DropOverlappedByLonger(exact);
        var keptLoose = DropOverlappedByLonger(loose.Where(l => !keptExact.Any(e => e.Overlaps(l))).ToList());
        return keptExact.Concat(keptLoose).OrderBy(o => o.First).ThenBy(o => o.End).ToList();
    }

    // The distinct entities named in the text, in order of first occurrence.
    public IReadOnlyList<string> Entities(IReadOnlyList<Token> text) =>
        Find(text).Select(o => o.Entity).Distinct(StringComparer.Ordinal).ToList();

    // true = matched with diacritics, false = matched only without them, null = no match.
    private static bool? Compare(Phrase phrase, IReadOnlyList<Token> text, int at)
    {
        if (at + phrase.Tokens.Length > text.Count)
            return null;
        var exact = true;
        for (var j = 0; j < phrase.Tokens.Length; j++)
        {
            var wanted = phrase.Tokens[j];
            var found = text[at + j];
            if (string.Equals(wanted.Exact, found.Exact, StringComparison.Ordinal))
                continue;
            if (phrase.LooseAllowed && found.Bare && string.Equals(wanted.Loose, found.Loose, StringComparison.Ordinal))
            {
                exact = false;
                continue;
            }
            return null;
        }
        return exact;
    }

    private static List<Occurrence> DropOverlappedByLonger(List<Occurrence> occurrences) =>
        occurrences.Where(o => !occurrences.Any(other => other.Length > o.Length && other.Overlaps(o))).ToList();
}
