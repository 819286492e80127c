using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Core;

// Look-ups over the campaign's people and addresses, built once per configuration version.
public sealed class CampaignDirectory
{
    private readonly Dictionary<string, UnitOptions> _unitByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ClusterOptions> _clusterByUnit = new(StringComparer.Ordinal);
    private readonly HashSet<string> _staff = new(StringComparer.OrdinalIgnoreCase);

    private readonly UnderstandingOptions? _understanding;

    public CampaignDirectory(CampaignOptions campaign, UnderstandingOptions? understanding = null)
    {
        Campaign = campaign;
        _understanding = understanding;
        foreach (var unit in campaign.Units)
            foreach (var email in unit.Emails)
                _unitByEmail.TryAdd(email.Trim(), unit);
        foreach (var cluster in campaign.Clusters)
        {
            foreach (var unitId in cluster.Units)
                _clusterByUnit.TryAdd(unitId, cluster);
            if (!string.IsNullOrWhiteSpace(cluster.Supervisor.Email))
                _staff.Add(cluster.Supervisor.Email.Trim());
        }
        foreach (var recipient in campaign.Office.Recipients)
            _staff.Add(recipient.Trim());
        if (!string.IsNullOrWhiteSpace(campaign.Mailbox))
            _staff.Add(campaign.Mailbox.Trim());
    }

    public CampaignOptions Campaign { get; }

    public CampaignMatcher Matcher => CampaignMatcher.For(Campaign, _understanding);

    public UnitOptions? UnitByEmail(string? address) =>
        address is not null && _unitByEmail.TryGetValue(address.Trim(), out var unit) ? unit : null;

    public ClusterOptions? ClusterOfUnit(string unitId) =>
        _clusterByUnit.TryGetValue(unitId, out var cluster) ? cluster : null;

    public bool IsStaff(string? address) => address is not null && _staff.Contains(address.Trim());
}
