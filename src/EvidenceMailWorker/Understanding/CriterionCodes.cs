using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Understanding;

// Criterion codes as tokens (CONTRACT §4 "Criterion of a file"). `TC 1.1`, `Tiêu chí 1.1` and `1.1_`
// need nothing special: the prefix is just another word and `_` separates words. Only `TC1.1`, written
// as one word, has its prefix cut off before comparing.
public sealed class CriterionCodes
{
    private readonly PhraseIndex _codes;
    private readonly Dictionary<string, HashSet<string>> _tracksOfCode = new(StringComparer.Ordinal);

    public CriterionCodes(CampaignOptions campaign)
    {
        foreach (var criterion in campaign.Criteria)
        {
            if (!_tracksOfCode.TryGetValue(criterion.Code, out var tracks))
                _tracksOfCode[criterion.Code] = tracks = new HashSet<string>(StringComparer.Ordinal);
            tracks.Add(criterion.Track);
        }
        // Codes are compared exactly (case-folded): they have no diacritics to leave out.
        _codes = new PhraseIndex(campaign.Criteria.Select(c => (c.Code, c.Code)), allowLoose: false);
    }

    // Codes of every track, in text order.
    public IReadOnlyList<string> Find(IReadOnlyList<Token> text) => _codes.Entities(WithoutGluedPrefix(text));

    public IReadOnlySet<string> TracksOf(string code) => _tracksOfCode.TryGetValue(code, out var t) ? t : new HashSet<string>();

    // The one track all these codes belong to, or null (no code, or codes of different tracks).
    public string? SharedTrack(IEnumerable<string> codes)
    {
        HashSet<string>? common = null;
        foreach (var code in codes)
        {
            if (common is null)
                common = [.. TracksOf(code)];
            else
                common.IntersectWith(TracksOf(code));
        }
        return common is { Count: 1 } ? common.First() : null;
    }

    private static List<Token> WithoutGluedPrefix(IReadOnlyList<Token> text) =>
        text.Select(t => t.Exact.Length > 2 && t.Exact.StartsWith("tc", StringComparison.Ordinal) && t.Exact.Skip(2).Any(char.IsDigit)
            ? t with { Exact = t.Exact[2..], Loose = t.Loose[2..] }
            : t).ToList();
}
