namespace EvidenceMailWorker.Text;

public sealed record UnitEntry(string Id, string Name, IReadOnlyList<string> Aliases, string? ClusterId);

// Where a phrase comes from in the unit's config: "Name", "Aliases[2]", or a short form of the Name.
public sealed record UnitPhrase(string UnitId, int UnitIndex, string Text, string Source, bool IsShortForm);

public sealed record DroppedShortForm(string UnitId, int UnitIndex, string Text, string Why);

// Every phrase that names a unit, for the matcher and for config validation alike, so that what
// `config check` reports is exactly what matching will do. A short form is left out when it would
// name something else: a single word that is also in another unit's or a cluster's name (`An` of `Xã
// An` is in `Xã An Hòa`), a part of the organisation's own name (`Giồng Riềng` of `Thị trấn Giồng
// Riềng` is in every `Huyện đoàn Giồng Riềng` greeting), a part of a cluster's name, or the phrase of
// another unit of the same cluster. Units of different clusters may share a phrase: the sender's cluster decides.
public sealed class UnitPhrases
{
    private UnitPhrases(IReadOnlyList<UnitPhrase> phrases, IReadOnlyList<DroppedShortForm> dropped)
    {
        Phrases = phrases;
        Dropped = dropped;
    }

    public IReadOnlyList<UnitPhrase> Phrases { get; }

    public IReadOnlyList<DroppedShortForm> Dropped { get; }

    public static UnitPhrases Build(IReadOnlyList<UnitEntry> units, IEnumerable<string> clusterPhrases, string? organization)
    {
        var given = new List<UnitPhrase>();
        var shortForms = new List<UnitPhrase>();
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            if (!string.IsNullOrWhiteSpace(unit.Name))
                given.Add(new UnitPhrase(unit.Id, i, unit.Name, "Name", false));
            for (var k = 0; k < unit.Aliases.Count; k++)
                if (!string.IsNullOrWhiteSpace(unit.Aliases[k]))
                    given.Add(new UnitPhrase(unit.Id, i, unit.Aliases[k], $"Aliases[{k}]", false));
            foreach (var form in UnitShortForms.Of(unit.Name ?? ""))
                shortForms.Add(new UnitPhrase(unit.Id, i, form, "Name", true));
        }

        var clusterKeys = clusterPhrases.Select(c => " " + VietnameseText.Key(c) + " ").ToList();
        var clusterWords = clusterKeys.SelectMany(k => k.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        var organizationKey = " " + VietnameseText.Key(organization) + " ";
        // Keys and words computed once: a province has thousands of units, and every short form is
        // compared with every other phrase.
        var all = given.Concat(shortForms).Select(p => (Phrase: p, Key: VietnameseText.Key(p.Text))).ToList();
        var byKey = all.ToLookup(x => x.Key, x => x.Phrase, StringComparer.Ordinal);
        var unitsOfWord = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (phrase, key) in all)
            foreach (var word in key.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!unitsOfWord.TryGetValue(word, out var owners))
                    unitsOfWord[word] = owners = [];
                if (!owners.Contains(phrase.UnitId))
                    owners.Add(phrase.UnitId);
            }

        var kept = new List<UnitPhrase>(given);
        var dropped = new List<DroppedShortForm>();
        foreach (var (form, key) in all.Where(x => x.Phrase.IsShortForm))
        {
            var why = WhyDropped(form, key, units, byKey[key], unitsOfWord, clusterWords, clusterKeys, organizationKey);
            if (why is null)
                kept.Add(form);
            else
                dropped.Add(new DroppedShortForm(form.UnitId, form.UnitIndex, form.Text, why));
        }
        return new UnitPhrases(kept, dropped);
    }

    private static string? WhyDropped(UnitPhrase form, string key, IReadOnlyList<UnitEntry> units, IEnumerable<UnitPhrase> sameKey,
        Dictionary<string, List<string>> unitsOfWord, HashSet<string> clusterWords, List<string> clusterKeys, string organizationKey)
    {
        if (sameKey.Any(p => p.UnitId == form.UnitId && !p.IsShortForm))
            return null; // also written as a name or alias: nothing new, nothing to drop
        if (!key.Contains(' '))
        {
            if (clusterWords.Contains(key))
                return "it is a single word that is also in a cluster's name";
            var other = unitsOfWord[key].FirstOrDefault(u => u != form.UnitId);
            if (other is not null)
                return $"it is a single word that is also in the name of unit '{other}'";
        }
        if (clusterKeys.Any(k => k.Contains(" " + key + " ", StringComparison.Ordinal)))
            return "it is part of a cluster's name";
        if (organizationKey.Contains(" " + key + " ", StringComparison.Ordinal))
            return "it is part of the organisation's own name";
        var cluster = units[form.UnitIndex].ClusterId;
        var twin = sameKey.FirstOrDefault(p => p.UnitId != form.UnitId && units[p.UnitIndex].ClusterId == cluster);
        if (twin is not null)
            return $"unit '{twin.UnitId}' of the same cluster is also called '{twin.Text}'";
        return null;
    }
}
