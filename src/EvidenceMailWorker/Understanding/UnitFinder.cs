using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Understanding;

// The units named in a text (CONTRACT §4 Unit of a file), by every phrase Text/UnitPhrases allows:
// names, aliases and short forms. Two units of different clusters may share a phrase; the sender's
// cluster then decides, and without a sender of either cluster the phrase names neither.
public sealed class UnitFinder
{
    private readonly PhraseIndex _phrases;
    private readonly Dictionary<string, string> _clusterOfUnit = new(StringComparer.Ordinal);

    public UnitFinder(CampaignOptions campaign)
    {
        _phrases = new PhraseIndex(CampaignPhrases.Units(campaign).Phrases.Select(p => (p.UnitId, p.Text)));
        foreach (var cluster in campaign.Clusters)
            foreach (var unit in cluster.Units)
                _clusterOfUnit.TryAdd(unit, cluster.Id);
    }

    // The distinct units named, in order of first occurrence.
    public IReadOnlyList<string> Find(IReadOnlyList<Token> text, string? senderUnit)
    {
        var senderCluster = senderUnit is null ? null : _clusterOfUnit.GetValueOrDefault(senderUnit);
        var units = new List<string>();
        foreach (var place in _phrases.Find(text).GroupBy(o => (o.First, o.End)))
        {
            var named = place.Select(o => o.Entity).Distinct(StringComparer.Ordinal).ToList();
            if (named.Count > 1)
                named = named.Where(u => senderCluster is not null && _clusterOfUnit.GetValueOrDefault(u) == senderCluster).ToList();
            if (named.Count == 1 && !units.Contains(named[0]))
                units.Add(named[0]);
        }
        return units;
    }
}
