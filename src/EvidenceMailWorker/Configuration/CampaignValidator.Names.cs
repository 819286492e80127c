using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Configuration;

// The unit names matching will look for (CampaignPhrases: names, aliases, short forms), checked for
// every confusion the matcher could make, so that what `config check` accepts never names two things
// by surprise.
public static partial class CampaignValidator
{
    private static void CheckUnitPhrases(CampaignOptions c, ProblemList p)
    {
        var list = $"{Root}.Units";
        var phrases = CampaignPhrases.Units(c).Phrases;
        var clusterOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in c.Clusters)
            foreach (var unit in cluster.Units.Where(u => !string.IsNullOrWhiteSpace(u)))
                clusterOf.TryAdd(unit, cluster.Id);
        var codes = c.Criteria.Select(x => (x, Form: CodeForm.Parse(x.Code))).Where(x => x.Form is not null)
            .GroupBy(x => x.Form!.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().x, StringComparer.Ordinal);
        var clusterPhrases = c.Clusters.SelectMany((cl, i) => cl.Aliases.Select((a, k) => (Text: a, Path: $"{Root}.Clusters[{i}].Aliases[{k}]"))
            .Prepend((Text: cl.Name, Path: $"{Root}.Clusters[{i}].Name"))).Where(x => !string.IsNullOrWhiteSpace(x.Text))
            .Select(x => (x.Text, x.Path, Key: " " + VietnameseText.Key(x.Text) + " ")).ToList();

        string PathOf(UnitPhrase x) => $"{list}[{x.UnitIndex}].{x.Source}" + (x.IsShortForm ? $" (short form '{x.Text}')" : "");

        var firstByKey = new Dictionary<string, List<UnitPhrase>>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            var key = VietnameseText.Key(phrase.Text);
            if (key.Length == 0)
            {
                p.Add(PathOf(phrase), $"'{phrase.Text}' has no letters or digits, so it can never be found in a file name");
                continue;
            }
            var tokens = VietnameseText.Tokenize(phrase.Text);
            if (!phrase.IsShortForm && tokens.Count == 1 && CodeForm.Parse(phrase.Text) is { NeedsPrefix: true })
                p.Add(PathOf(phrase), $"'{phrase.Text}' is a bare number or a single letter, which every file name has; keep the unit's word (e.g. 'Phường {phrase.Text}', 'P{phrase.Text}')");
            else if (CodeForm.Parse(phrase.Text) is { } form && codes.TryGetValue(form.Key, out var criterion))
                p.Add(PathOf(phrase), $"'{phrase.Text}' reads as criterion code '{criterion.Code}' ({criterion.Track}); a file named so would count for a criterion and a unit at once");
            else if (!phrase.IsShortForm && clusterPhrases.FirstOrDefault(cp => cp.Key.Contains(" " + key + " ", StringComparison.Ordinal)) is { Text: not null } inCluster)
                p.Add(PathOf(phrase), $"'{phrase.Text}' is part of the cluster name '{inCluster.Text}' ({inCluster.Path}); every subject naming that cluster would name this unit");

            if (!firstByKey.TryGetValue(key, out var earlier))
                firstByKey[key] = earlier = [];
            foreach (var other in earlier.Where(o => o.UnitId != phrase.UnitId))
            {
                var sameCluster = clusterOf.GetValueOrDefault(other.UnitId) is not { } cl || cl == clusterOf.GetValueOrDefault(phrase.UnitId);
                if (sameCluster && !phrase.IsShortForm)
                    p.Add(PathOf(phrase), $"'{phrase.Text}' also names unit '{other.UnitId}' ({PathOf(other)}) of the same cluster; a name must name one unit of a cluster (units of different clusters may share one: the sender's cluster decides)");
            }
            earlier.Add(phrase);
        }
    }
}
