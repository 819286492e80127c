using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Schedule;

// Who a cluster's mail goes to (CONTRACT §5): To its leader's and deputy's addresses, Cc its
// supervisor. A leader or deputy unit may have no address (its mail comes through another unit);
// when neither has one the supervisor is the To, so the reminder still reaches someone who can act.
public static class Recipients
{
    public static (IReadOnlyList<string> To, IReadOnlyList<string> Cc) OfCluster(CampaignOptions c, ClusterOptions cluster, IEnumerable<string>? alsoCc = null)
    {
        var units = c.Units.Where(u => u.Id == cluster.Leader || u.Id == cluster.Deputy);
        var to = Distinct(units.SelectMany(u => u.Emails));
        var cc = Distinct(new[] { cluster.Supervisor.Email }.Concat(alsoCc ?? []));
        if (to.Count == 0)
            (to, cc) = (cc.Take(1).ToList(), cc.Skip(1).ToList());
        return (to, cc.Where(a => !to.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList());
    }

    public static List<string> Distinct(IEnumerable<string?> addresses) =>
        addresses.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
