using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Understanding;

// The campaign's criterion codes (CONTRACT §4 "Criterion of a file"), found by their comparable form
// (Text/CodeForm) and named back as configured. A code may exist in several tracks (both criteria sets
// start at 1.1): the message's track then decides which criterion it names.
public sealed class CriterionCodes
{
    private readonly CodeFinder _finder;
    // comparable form → track → the code as configured in that track
    private readonly Dictionary<string, Dictionary<string, string>> _codeByTrack = new(StringComparer.Ordinal);

    public CriterionCodes(CampaignOptions campaign)
    {
        var forms = new List<CodeForm>();
        foreach (var criterion in campaign.Criteria)
        {
            if (CodeForm.Parse(criterion.Code) is not { } form)
                continue;
            forms.Add(form);
            if (!_codeByTrack.TryGetValue(form.Key, out var tracks))
                _codeByTrack[form.Key] = tracks = new Dictionary<string, string>(StringComparer.Ordinal);
            tracks.TryAdd(criterion.Track, criterion.Code);
        }
        _finder = new CodeFinder(forms);
    }

    // Comparable forms of the codes of every track, in text order.
    public IReadOnlyList<string> Find(string? text) => _finder.Find(text);

    public IReadOnlyCollection<string> TracksOf(string key) =>
        _codeByTrack.TryGetValue(key, out var t) ? t.Keys : [];

    // The code as configured in the track, or null when the track has no such code.
    public string? InTrack(string key, string track) =>
        _codeByTrack.TryGetValue(key, out var t) && t.TryGetValue(track, out var code) ? code : null;

    // The code as configured in the one track that has it, or null when several do.
    public string? Unique(string key) =>
        _codeByTrack.TryGetValue(key, out var t) && t.Count == 1 ? t.Values.First() : null;

    // The code as configured in some track, for telling the sender what was seen.
    public string Spelling(string key) =>
        _codeByTrack.TryGetValue(key, out var t) ? t.Values.First() : key;

    // The one track all these codes belong to, or null (no code, or codes of different tracks).
    public string? SharedTrack(IEnumerable<string> keys)
    {
        HashSet<string>? common = null;
        foreach (var key in keys)
        {
            if (common is null)
                common = [.. TracksOf(key)];
            else
                common.IntersectWith(TracksOf(key));
        }
        return common is { Count: 1 } ? common.First() : null;
    }
}
