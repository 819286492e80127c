using EvidenceMailWorker.Configuration;
using MimeKit;

namespace EvidenceMailWorker.Core;

// Whose submission this is (CONTRACT §4 "Sender"). Unit and cluster are null when the sender is unknown.
public sealed record SenderVerdict(UnitOptions? Unit, ClusterOptions? Cluster, string? OriginalFrom)
{
    public bool IsKnown => Unit is not null;
}

public static class SenderResolver
{
    public static SenderVerdict Resolve(MimeMessage message, string? fromAddress, CampaignDirectory directory)
    {
        if (directory.IsStaff(fromAddress))
        {
            var original = ForwardedSender.Find(message);
            var forwardedUnit = directory.UnitByEmail(original?.Address);
            return forwardedUnit is null
                ? new SenderVerdict(null, null, null)
                : new SenderVerdict(forwardedUnit, directory.ClusterOfUnit(forwardedUnit.Id), original!.Address);
        }
        var unit = directory.UnitByEmail(fromAddress);
        return unit is null
            ? new SenderVerdict(null, null, null)
            : new SenderVerdict(unit, directory.ClusterOfUnit(unit.Id), null);
    }
}
