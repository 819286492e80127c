using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Reports;

namespace EvidenceMailWorker.Tests.Reports;

// Every expected number below is worked out by hand from CONTRACT §5 (see ReportCampaign's header).
public sealed class ReportRuleTests
{
    private static Report Build(string? period, string? track = null, CampaignOptions? campaign = null)
    {
        campaign ??= ReportCampaign.Create();
        return ReportBuilder.Build(campaign, ReportCampaign.Records(campaign), new ReportScope(period, track), ReportCampaign.GeneratedAt);
    }

    private static ClusterStanding Cluster(Report report, string track, string cluster) =>
        report.Tracks.Single(t => t.Track.Id == track).Clusters.Single(c => c.Cluster.Id == cluster);

    [Fact]
    public void Period_view_points_shares_and_scores()
    {
        var report = Build("p1");
        // c1: 20/20 covered, all on time → 100 × (0.8 + 0.2) = 100.
        var c1 = Cluster(report, "doan", "c1");
        Assert.Equal((20, 20, 20), (c1.RequiredPoints, c1.CoveredPoints, c1.OnTimePoints));
        Assert.Equal(100m, c1.Score);
        // c2 (late only): 20/20 covered, 0 on time → 80.
        var c2 = Cluster(report, "doan", "c2");
        Assert.Equal((20, 20, 0), (c2.RequiredPoints, c2.CoveredPoints, c2.OnTimePoints));
        Assert.Equal(1.0, c2.CoverageShare);
        Assert.Equal(0.0, c2.TimelinessShare);
        Assert.Equal(80.0m, c2.Score);
        Assert.False(c2.OnTime);
        // c3: A+A+B+B = 18 covered, B+B = 8 on time, C missing → 100 × (0.8 × 0.9 + 0.2 × 0.4) = 80.
        var c3 = Cluster(report, "doan", "c3");
        Assert.Equal((20, 18, 8), (c3.RequiredPoints, c3.CoveredPoints, c3.OnTimePoints));
        Assert.Equal(0.9, c3.CoverageShare, 12);
        Assert.Equal(0.4, c3.TimelinessShare, 12);
        Assert.Equal(80.0m, c3.Score);
        Assert.Equal(["C"], c3.Detail.ClusterMissing);
        // c4: 10/20 both ways → 50.
        Assert.Equal(50.0m, Cluster(report, "doan", "c4").Score);
        // c6: 5/20 → 25; the track-less file with the shared code A names nothing.
        var c6 = Cluster(report, "doan", "c6");
        Assert.Equal((5, 5), (c6.CoveredPoints, c6.OnTimePoints));
        Assert.Equal(25.0m, c6.Score);
        Assert.Equal(2, c6.Submissions);
        Assert.Equal(["A", "B"], c6.Detail.Units.Single(u => u.UnitId == "u12").Missing);
    }

    [Fact]
    public void Ranks_break_score_ties_by_coverage_then_first_arrival_and_share_full_ties()
    {
        var doan = Build("p1").Tracks.Single(t => t.Track.Id == "doan");
        // c2 and c3 both score 80: c2 has the higher coverage. c4 and c5 both 50 with equal coverage:
        // c4 arrived first. c6 and c7 are equal on all three: rank 6 twice, then 8.
        Assert.Equal(
            [("c1", 1), ("c2", 2), ("c3", 3), ("c4", 4), ("c5", 5), ("c6", 6), ("c7", 6), ("c8", 8)],
            doan.Clusters.Select(c => (c.Cluster.Id, c.Rank)));
    }

    [Fact]
    public void A_cluster_with_nothing_ranks_last_with_no_first_arrival()
    {
        var c8 = Cluster(Build("p1"), "doan", "c8");
        Assert.Equal((0, 0.0, 0.0, 0.0m), (c8.Submissions, c8.CoverageShare, c8.TimelinessShare, c8.Score));
        Assert.Null(c8.FirstAtUtc);
        Assert.False(c8.OnTime);
        Assert.Equal(8, c8.Rank);
    }

    [Fact]
    public void On_time_and_first_arrival_per_cluster()
    {
        var report = Build("p1");
        var c1 = Cluster(report, "doan", "c1");
        Assert.True(c1.OnTime);
        Assert.Equal(new DateTime(2024, 6, 5, 1, 0, 0, DateTimeKind.Utc), c1.FirstAtUtc);
        Assert.False(Cluster(report, "doan", "c3").OnTime); // one of its two submissions is late
        Assert.Equal(new DateTime(2024, 6, 11, 2, 0, 0, DateTimeKind.Utc), Cluster(report, "doan", "c2").FirstAtUtc);
    }

    [Fact]
    public void Proposal_names_the_leading_cluster_and_the_leader_of_the_most_timely_cluster()
    {
        var proposal = Build("p1").Tracks.Single(t => t.Track.Id == "doan").Proposal;
        Assert.Equal("c1", proposal.LeadingCluster);
        Assert.Equal("u1", proposal.OutstandingLeader);
        Assert.Empty(proposal.Tied);
        Assert.Equal([("Cluster", "c1", (string?)null, 1_000_000L), ("ClusterLeader", "c1", "u1", 500_000L)],
            proposal.Awards.Select(a => (a.Award.Kind, a.ClusterId!, a.UnitId, a.Award.PrizeVnd)));
    }

    [Fact]
    public void A_code_shared_by_two_tracks_counts_for_the_submissions_track()
    {
        var report = Build("p1");
        // hoi, c3: hoi's A for u5 (4) and H (6) = 10 of 14, on time → 100 × 10/14 = 71.43 → 71.4.
        var c3 = Cluster(report, "hoi", "c3");
        Assert.Equal((14, 10, 10), (c3.RequiredPoints, c3.CoveredPoints, c3.OnTimePoints));
        Assert.Equal(71.4m, c3.Score);
        Assert.Equal(1, c3.Submissions); // the doan submissions of c3 do not count for hoi
        // c1 sent doan's A only: nothing for hoi.
        Assert.Equal(0, Cluster(report, "hoi", "c1").CoveredPoints);
        var hoi = report.Tracks.Single(t => t.Track.Id == "hoi");
        // c6's track-less submission counts for hoi (first arrival, rank 2); the rest share rank 3.
        Assert.Equal([("c3", 1), ("c6", 2), ("c1", 3), ("c2", 3), ("c4", 3), ("c5", 3), ("c7", 3), ("c8", 3)],
            hoi.Clusters.Select(c => (c.Cluster.Id, c.Rank)));
        Assert.Equal("c3", hoi.Proposal.LeadingCluster);
        Assert.Equal("u5", hoi.Proposal.OutstandingLeader);
        Assert.Equal([("Cluster", (string?)"c3")], hoi.Proposal.Awards.Select(a => (a.Award.Kind, a.ClusterId)));
    }

    [Fact]
    public void Year_view_covers_an_item_if_any_period_did()
    {
        var report = Build(period: null, track: "doan");
        Assert.Equal("year", report.View);
        var doan = Assert.Single(report.Tracks);
        // c2: all 20 covered (late in p1), u3's A on time in p2 → 5/20 on time → 80 + 5 = 85.
        var c2 = Cluster(report, "doan", "c2");
        Assert.Equal((20, 20, 5), (c2.RequiredPoints, c2.CoveredPoints, c2.OnTimePoints));
        Assert.Equal(85.0m, c2.Score);
        Assert.False(c2.OnTime);
        // c1 on time in both periods; c8 sent only in p2, so not on time for the year.
        Assert.True(Cluster(report, "doan", "c1").OnTime);
        var c8 = Cluster(report, "doan", "c8");
        Assert.Equal(100.0m, c8.Score);
        Assert.False(c8.OnTime);
        Assert.Equal(2, Cluster(report, "doan", "c1").Submissions);
        // c1 and c8 both 100 with full coverage: c1 arrived first.
        Assert.Equal([("c1", 1), ("c8", 2), ("c2", 3), ("c3", 4), ("c4", 5), ("c5", 6), ("c6", 7), ("c7", 7)],
            doan.Clusters.Select(c => (c.Cluster.Id, c.Rank)));
    }

    [Fact]
    public void A_unit_moved_in_config_takes_its_stored_submissions_along()
    {
        var campaign = ReportCampaign.Create();
        campaign.Clusters.Single(c => c.Id == "c2").Units.Remove("u4");
        campaign.Clusters.Single(c => c.Id == "c1").Units.Add("u4");
        var report = Build("p1", "doan", campaign);
        // c1 = u1, u2, u4: 3 × 9 + 2 = 29 required, 29 covered, 20 on time → 80 + 20 × 20/29 = 93.79 → 93.8.
        var c1 = Cluster(report, "doan", "c1");
        Assert.Equal((29, 29, 20), (c1.RequiredPoints, c1.CoveredPoints, c1.OnTimePoints));
        Assert.Equal(93.8m, c1.Score);
        Assert.Equal(2, c1.Submissions);
        Assert.False(c1.OnTime);
        // c2 = u3: 9 + 2 = 11 required, all covered late → 80.
        var c2 = Cluster(report, "doan", "c2");
        Assert.Equal((11, 11, 0), (c2.RequiredPoints, c2.CoveredPoints, c2.OnTimePoints));
        Assert.Equal(1, c2.Submissions);
    }

    [Fact]
    public void A_shared_first_rank_proposes_no_leading_cluster_and_lists_the_tie()
    {
        var campaign = ReportCampaign.Create();
        var records = ReportCampaign.Records(campaign).Where(s => s.Unit is "u11" or "u13").ToList();
        var doan = ReportBuilder.Build(campaign, records, new ReportScope("p1", "doan"), ReportCampaign.GeneratedAt).Tracks.Single();
        Assert.Equal([("c6", 1), ("c7", 1)], doan.Clusters.Take(2).Select(c => (c.Cluster.Id, c.Rank)));
        Assert.Null(doan.Proposal.LeadingCluster);
        Assert.Equal(["c6", "c7"], doan.Proposal.Tied);
        // Equal timeliness, coverage and first arrival: no outstanding leader either.
        Assert.Null(doan.Proposal.OutstandingLeader);
        Assert.All(doan.Proposal.Awards, a => Assert.Null(a.ClusterId));
    }

    [Fact]
    public void Nothing_received_proposes_nobody()
    {
        var campaign = ReportCampaign.Create();
        var doan = ReportBuilder.Build(campaign, [], new ReportScope("p1", "doan"), ReportCampaign.GeneratedAt).Tracks.Single();
        Assert.All(doan.Clusters, c => Assert.Equal(1, c.Rank));
        Assert.Null(doan.Proposal.LeadingCluster);
        Assert.Empty(doan.Proposal.Tied);
        Assert.Null(doan.Proposal.OutstandingLeader);
    }

    [Fact]
    public void Scores_round_half_away_from_zero_to_one_decimal()
    {
        var weights = new ScoringOptions { CoverageWeight = 0.8, TimelinessWeight = 0.2 };
        // 9/16 = 0.5625 both ways → 56.25 → 56.3 (a double computation gives 56.2499…).
        Assert.Equal(56.3m, Scoring.Score(weights, 9m / 16m, 9m / 16m));
        Assert.Equal(71.2m, Scoring.Score(weights, 0.72m, 0.68m));
    }
}
