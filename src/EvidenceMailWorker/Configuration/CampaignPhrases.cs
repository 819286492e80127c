using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Configuration;

// The campaign's names as the shared text rules see them, so that validation reports exactly the
// confusions matching would make (Text/ holds the rules; this only reads the config's shape).
public static class CampaignPhrases
{
    public static UnitPhrases Units(CampaignOptions c)
    {
        var clusterOfUnit = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var cluster in c.Clusters)
            foreach (var unit in cluster.Units.Where(u => !string.IsNullOrWhiteSpace(u)))
                clusterOfUnit.TryAdd(unit, cluster.Id);
        var entries = c.Units
            .Select(u => new UnitEntry(u.Id, u.Name ?? "", u.Aliases, clusterOfUnit.GetValueOrDefault(u.Id ?? "")))
            .ToList();
        return UnitPhrases.Build(entries, ClusterNames(c), c.Organization);
    }

    public static IEnumerable<string> ClusterNames(CampaignOptions c) =>
        c.Clusters.SelectMany(cl => cl.Aliases.Prepend(cl.Name)).Where(n => !string.IsNullOrWhiteSpace(n));
}
