using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Reports;

namespace EvidenceMailWorker.Schedule;

// What each cluster holds and lacks for one period, per track, from the one report model (so a
// reminder, a digest's progress bar, a receipt and the period summary never disagree).
public static class ClusterGaps
{
    public static (Missing Missing, IReadOnlyList<TrackStatus> Tracks) Of(CampaignOptions c, Report report, ClusterOptions cluster)
    {
        var unitNames = c.Units.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        var perTrack = new List<TrackMissing>();
        var statuses = new List<TrackStatus>();
        foreach (var track in report.Tracks)
        {
            var standing = track.Clusters.First(s => s.Cluster.Id == cluster.Id);
            var units = standing.Detail.Units.Where(u => u.MissingCriteria.Count > 0).ToList();
            var clusterMissing = standing.Detail.ClusterMissingCriteria;
            perTrack.Add(new TrackMissing(track.Track.Id,
                units.Select(u => new MissingUnit(u.UnitId, u.Missing)).ToList(),
                clusterMissing.Select(x => x.Code).ToList()));
            var percent = Progress.Percent(standing.CoveredPoints, standing.RequiredPoints);
            statuses.Add(new TrackStatus(track.Track.Name, standing.Submissions, percent, Progress.Bar(percent),
                $"{Points(standing.CoveredPoints)}/{Points(standing.RequiredPoints)} điểm",
                units.Select(u => new UnitGap(unitNames.GetValueOrDefault(u.UnitId, u.UnitId),
                    u.MissingCriteria.Select(x => new CriterionLine(x.Code, x.Name)).ToList(), u.CoveredCriteria.Count == 0)).ToList(),
                clusterMissing.Select(x => new CriterionLine(x.Code, x.Name)).ToList(),
                units.Sum(u => u.MissingCriteria.Count) + clusterMissing.Count));
        }
        var flatUnits = cluster.Units
            .Select(id => new MissingUnit(id, perTrack.SelectMany(t => t.Units.Where(u => u.Id == id).SelectMany(u => u.Criteria)).Distinct(StringComparer.Ordinal).ToList()))
            .Where(u => u.Criteria.Count > 0)
            .ToList();
        var flatCluster = perTrack.SelectMany(t => t.Cluster).Distinct(StringComparer.Ordinal).ToList();
        return (new Missing(flatUnits, flatCluster, perTrack), statuses);
    }

    private static string Points(double points) => points.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
