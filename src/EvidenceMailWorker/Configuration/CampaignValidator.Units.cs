namespace EvidenceMailWorker.Configuration;

public static partial class CampaignValidator
{
    private static void CheckUnits(CampaignOptions c, ProblemList p)
    {
        var list = $"{Root}.Units";
        if (c.Units.Count == 0)
            p.Add(list, "is empty; at least one unit is required");
        p.UniqueIds(list, c.Units, x => x.Id, "unit");

        // The sender's address is what makes a message a unit's (CONTRACT §4), so one address
        // must lead to exactly one unit.
        var ownerOfAddress = new Dictionary<string, (int Unit, int Email)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < c.Units.Count; i++)
        {
            var unit = c.Units[i];
            var path = $"{list}[{i}]";
            p.Id($"{path}.Id", unit.Id);
            p.Required($"{path}.Name", unit.Name, "the unit's name");
            p.NonBlankEntries($"{path}.Aliases", unit.Aliases);

            // A unit without an address is allowed: its leader or another unit sends for it.
            for (var j = 0; j < unit.Emails.Count; j++)
            {
                var email = unit.Emails[j];
                p.Email($"{path}.Emails[{j}]", email);
                if (string.IsNullOrEmpty(email)) continue;
                if (ownerOfAddress.TryGetValue(email, out var first) && first.Unit != i)
                    p.Add($"{path}.Emails[{j}]", $"address '{email}' is already the address of unit '{c.Units[first.Unit].Id}' ({list}[{first.Unit}].Emails[{first.Email}]); an address must belong to one unit");
                else
                    ownerOfAddress.TryAdd(email, (i, j));
            }
        }
        CheckUnitPhrases(c, p);
    }

    private static void CheckClusters(CampaignOptions c, ProblemList p)
    {
        var list = $"{Root}.Clusters";
        if (c.Clusters.Count == 0)
            p.Add(list, "is empty; at least one cluster is required");
        p.UniqueIds(list, c.Clusters, x => x.Id, "cluster");

        var units = c.Units.Select(u => u.Id).Where(id => !string.IsNullOrWhiteSpace(id)).ToHashSet(StringComparer.Ordinal);
        var clusterOfUnit = new Dictionary<string, (int Cluster, int Member)>(StringComparer.Ordinal);
        for (var i = 0; i < c.Clusters.Count; i++)
        {
            var cluster = c.Clusters[i];
            var path = $"{list}[{i}]";
            p.Id($"{path}.Id", cluster.Id);
            p.Required($"{path}.Name", cluster.Name, "the cluster's name");
            p.NonBlankEntries($"{path}.Aliases", cluster.Aliases);

            if (cluster.Units.Count == 0)
                p.Add($"{path}.Units", $"cluster '{cluster.Id}' has no units");
            for (var j = 0; j < cluster.Units.Count; j++)
            {
                var member = cluster.Units[j];
                var memberPath = $"{path}.Units[{j}]";
                if (!p.Required(memberPath, member, "a unit id")) continue;
                if (!units.Contains(member))
                    p.Add(memberPath, $"no unit has id '{member}'");
                else if (clusterOfUnit.TryGetValue(member, out var first))
                    p.Add(memberPath, first.Cluster == i
                        ? $"unit '{member}' is listed twice in cluster '{cluster.Id}' (also {path}.Units[{first.Member}])"
                        : $"unit '{member}' is already in cluster '{c.Clusters[first.Cluster].Id}' ({list}[{first.Cluster}].Units[{first.Member}]); a unit belongs to exactly one cluster");
                else
                    clusterOfUnit[member] = (i, j);
            }

            // The leader is who the ClusterLeader award goes to, so it is required; a deputy is
            // optional for clusters too small to have one.
            if (p.Required($"{path}.Leader", cluster.Leader, "the id of the cluster's leading unit"))
                Member($"{path}.Leader", cluster.Leader, cluster, units, p);
            if (!string.IsNullOrWhiteSpace(cluster.Deputy))
            {
                Member($"{path}.Deputy", cluster.Deputy, cluster, units, p);
                if (cluster.Deputy == cluster.Leader)
                    p.Add($"{path}.Deputy", $"unit '{cluster.Deputy}' is already the cluster's leader; the deputy must be another unit");
            }

            // A supervisor is copied on reminders when there is one; with a name, an address is needed.
            var supervisor = cluster.Supervisor;
            p.Email($"{path}.Supervisor.Email", supervisor.Email, required: !string.IsNullOrWhiteSpace(supervisor.Name));
        }

        for (var i = 0; i < c.Units.Count; i++)
        {
            var id = c.Units[i].Id;
            if (!string.IsNullOrWhiteSpace(id) && !clusterOfUnit.ContainsKey(id))
                p.Add($"{Root}.Units[{i}]", $"unit '{id}' is not in any cluster; add it to one cluster's Units");
        }
        PhrasesNameOneThing(list, c.Clusters, x => x.Id, x => NameAndAliases(x.Name, x.Aliases), "cluster", p);
    }

    private static void Member(string path, string unit, ClusterOptions cluster, HashSet<string> units, ProblemList p)
    {
        if (!units.Contains(unit))
            p.Add(path, $"no unit has id '{unit}'");
        else if (!cluster.Units.Contains(unit, StringComparer.Ordinal))
            p.Add(path, $"unit '{unit}' is not a member of cluster '{cluster.Id}'");
    }

    // Staff addresses forward unit mail (CONTRACT §4 Sender); one that is also a unit's address
    // would make every forwarded message ambiguous.
    private static void CheckStaffAddresses(CampaignOptions c, ProblemList p)
    {
        var staff = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void AddStaff(string? address, string path)
        {
            if (!string.IsNullOrWhiteSpace(address)) staff.TryAdd(address, path);
        }
        AddStaff(c.Mailbox, $"{Root}.Mailbox");
        for (var i = 0; i < c.Office.Recipients.Count; i++)
            AddStaff(c.Office.Recipients[i], $"{Root}.Office.Recipients[{i}]");
        for (var i = 0; i < c.Clusters.Count; i++)
            AddStaff(c.Clusters[i].Supervisor.Email, $"{Root}.Clusters[{i}].Supervisor.Email");

        for (var i = 0; i < c.Units.Count; i++)
            for (var j = 0; j < c.Units[i].Emails.Count; j++)
                if (staff.TryGetValue(c.Units[i].Emails[j] ?? "", out var staffPath))
                    p.Add($"{Root}.Units[{i}].Emails[{j}]", $"address '{c.Units[i].Emails[j]}' is a staff address ({staffPath}); staff forward unit mail and cannot also be a unit");
    }
}
