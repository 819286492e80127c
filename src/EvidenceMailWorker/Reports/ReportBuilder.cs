using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Reports;

// CONTRACT §5, from the stored submissions and the configuration in force: no I/O, no clock
// (generatedAt comes in), so the same inputs always give the same report.
public static class ReportBuilder
{
    public static Report Build(CampaignOptions campaign, IEnumerable<SubmissionRecord> submissions, ReportScope scope, DateTimeOffset generatedAt)
    {
        var directory = new CampaignDirectory(campaign);
        var resolver = new CriterionResolver(campaign);
        var period = scope.PeriodId is null ? null : campaign.Periods.FirstOrDefault(p => p.Id == scope.PeriodId)
            ?? throw new ArgumentException($"no period '{scope.PeriodId}' in the campaign", nameof(scope));
        var tracks = campaign.Tracks.Where(t => scope.TrackId is null || t.Id == scope.TrackId).ToList();
        if (scope.TrackId is not null && tracks.Count == 0)
            throw new ArgumentException($"no track '{scope.TrackId}' in the campaign", nameof(scope));

        // A submission belongs to the cluster of its unit under today's configuration (§5), so
        // moving a unit in config moves its stored evidence with it.
        var counted = submissions
            .Where(s => s.Status == MessageStatus.Accepted && (scope.IsYear || s.Period == scope.PeriodId))
            .Select(s => (Submission: s, Cluster: ClusterOf(directory, s)))
            .Where(x => x.Cluster is not null)
            .ToList();
        var byCluster = counted.ToLookup(x => x.Cluster!.Id, x => x.Submission);

        var trackReports = tracks.Select(track =>
            Track(campaign, resolver, track, scope, byCluster)).ToList();
        var evidence = counted
            .Where(x => scope.TrackId is null || CountsFor(x.Submission, scope.TrackId))
            .SelectMany(x => Rows(resolver, x.Submission, x.Cluster!.Id))
            .ToList();
        return new Report(scope, period, campaign.Year, campaign.Organization, generatedAt,
            TimeZoneInfo.FindSystemTimeZoneById(campaign.TimeZone), campaign.Scoring, trackReports, evidence);
    }

    // A submission with a track counts for that track only; one whose track could not be told
    // counts for every track (its codes still decide which criteria it covers).
    public static bool CountsFor(SubmissionRecord submission, string trackId) =>
        submission.Track is null || submission.Track == trackId;

    private static ClusterOptions? ClusterOf(CampaignDirectory directory, SubmissionRecord s) =>
        s.Unit is not null
            ? directory.ClusterOfUnit(s.Unit)
            : directory.Campaign.Clusters.FirstOrDefault(c => c.Id == s.Cluster);

    private static TrackReport Track(CampaignOptions campaign, CriterionResolver resolver, TrackOptions track, ReportScope scope,
        ILookup<string, SubmissionRecord> byCluster)
    {
        var standings = campaign.Clusters.Select(cluster =>
            Standing(campaign, resolver, track, scope, cluster, byCluster[cluster.Id].Where(s => CountsFor(s, track.Id)).ToList())).ToList();
        var ranked = Ranking.Rank(standings, s => new RankKey(s.Score, Scoring.Share(s.CoveredPoints, s.RequiredPoints), s.FirstAtUtc))
            .Select(r => r.Item with { Rank = r.Rank })
            .OrderBy(s => s.Rank).ThenBy(s => s.Cluster.Id, StringComparer.Ordinal)
            .ToList();
        var criteria = campaign.Criteria.Where(c => c.Track == track.Id).ToList();
        return new TrackReport(track, criteria, ranked, ProposalRule.For(track, ranked, campaign.Awards));
    }

    private static ClusterStanding Standing(CampaignOptions campaign, CriterionResolver resolver, TrackOptions track, ReportScope scope,
        ClusterOptions cluster, IReadOnlyList<SubmissionRecord> submissions)
    {
        var periodId = scope.PeriodId ?? "";
        var all = Coverage.Compute(campaign, resolver, cluster.Id, periodId, track.Id, submissions.SelectMany(EvidenceItems.Of));
        var onTime = Coverage.Compute(campaign, resolver, cluster.Id, periodId, track.Id,
            submissions.Where(s => s.Late == false).SelectMany(EvidenceItems.Of));
        var coverage = Scoring.Share(all.CoveredPoints, all.RequiredPoints);
        var timeliness = Scoring.Share(onTime.CoveredPoints, onTime.RequiredPoints);
        return new ClusterStanding(
            cluster,
            submissions.Count,
            submissions.Count == 0 ? null : submissions.Min(s => s.ReceivedAtUtc),
            IsOnTime(campaign, scope, submissions),
            all.RequiredPoints, all.CoveredPoints, onTime.CoveredPoints,
            (double)coverage, (double)timeliness,
            Scoring.Score(campaign.Scoring, coverage, timeliness),
            Rank: 0,
            all,
            Count(resolver, track, cluster, submissions));
    }

    // Period: something sent and nothing late. Year: that, in every period of the campaign.
    private static bool IsOnTime(CampaignOptions campaign, ReportScope scope, IReadOnlyList<SubmissionRecord> submissions)
    {
        static bool OnTime(IEnumerable<SubmissionRecord> s) => s.Any() && s.All(x => x.Late == false);
        return scope.IsYear
            ? campaign.Periods.Count > 0 && campaign.Periods.All(p => OnTime(submissions.Where(s => s.Period == p.Id)))
            : OnTime(submissions);
    }

    private static ItemCounts Count(CriterionResolver resolver, TrackOptions track, ClusterOptions cluster, IReadOnlyList<SubmissionRecord> submissions)
    {
        var counts = new ItemCounts();
        var members = cluster.Units.ToHashSet(StringComparer.Ordinal);
        foreach (var submission in submissions)
        {
            foreach (var (criteria, units) in submission.Attachments.Select(a => (a.Criteria, a.Units)).Concat(submission.Links.Select(l => (l.Criteria, l.Units))))
            {
                foreach (var criterion in resolver.Resolve(criteria, submission.Track).Where(c => c.Track == track.Id))
                {
                    if (Coverage.IsClusterScope(criterion))
                        counts.Add(null, criterion);
                    else
                        foreach (var unit in units.Where(members.Contains))
                            counts.Add(unit, criterion);
                }
            }
        }
        return counts;
    }

    private static IEnumerable<EvidenceRow> Rows(CriterionResolver resolver, SubmissionRecord s, string clusterId)
    {
        var sender = s.OriginalFrom ?? s.From;
        foreach (var a in s.Attachments)
            yield return new EvidenceRow(s.ReceivedAtUtc, sender, s.MessageId, s.Unit, clusterId, s.Track, s.Period, s.Late == true,
                a.Units, resolver.Resolve(a.Criteria, s.Track), a.FileName, a.ArchivePath, a.Size, a.Sha256, IsLink: false);
        foreach (var l in s.Links)
            yield return new EvidenceRow(s.ReceivedAtUtc, sender, s.MessageId, s.Unit, clusterId, s.Track, s.Period, s.Late == true,
                l.Units, resolver.Resolve(l.Criteria, s.Track), l.Url, null, null, null, IsLink: true);
    }
}
