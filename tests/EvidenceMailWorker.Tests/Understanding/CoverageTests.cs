using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

public sealed class CoverageTests
{
    private static readonly string[] DoanUnitCodes =
        ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2"];

    [Fact]
    public void Nothing_received_means_everything_is_missing()
    {
        var coverage = Coverage.Compute(Sample.Campaign, "cum-2", "2024-6t", "doan", []);
        Assert.Equal(6, coverage.Units.Count);
        Assert.All(coverage.Units, u => Assert.Equal(DoanUnitCodes, u.Missing));
        Assert.Equal(["4.5"], coverage.ClusterMissing);
        Assert.Equal(0, coverage.Share);
        Assert.Equal(6 * 84 + 6, coverage.RequiredPoints);
    }

    [Fact]
    public void Items_cover_their_units_criteria_and_cluster_criteria()
    {
        var coverage = Coverage.Compute(Sample.Campaign, "cum-2", "2024-6t", "doan",
        [
            new EvidenceItem("xa-ngoc-hoa", ["1.1", "1.2"]),
            new EvidenceItem("xa-ngoc-hoa", ["1.1"]),
            new EvidenceItem(null, ["4.5"]), // a cluster-wide file
            new EvidenceItem(null, ["2.1"]), // no unit: covers no unit's criterion
            new EvidenceItem("xa-thanh-hoa", ["3.1"]), // another cluster's unit
            new EvidenceItem("xa-ngoc-thuan", ["H1.1"]), // another track
        ]);
        var ngocHoa = coverage.Units.Single(u => u.UnitId == "xa-ngoc-hoa");
        Assert.Equal(["1.1", "1.2"], ngocHoa.Covered);
        Assert.DoesNotContain("1.1", ngocHoa.Missing);
        Assert.All(coverage.Units.Where(u => u.UnitId != "xa-ngoc-hoa"), u => Assert.Empty(u.Covered));
        Assert.Equal(["4.5"], coverage.ClusterCovered);
        Assert.Empty(coverage.ClusterMissing);
        Assert.Equal(5 + 5 + 6, coverage.CoveredPoints);
        Assert.Equal(16.0 / 510, coverage.Share, 6);
    }

    [Fact]
    public void Without_a_track_every_tracks_criteria_are_required()
    {
        var coverage = Coverage.Compute(Sample.Campaign, "cum-3", "2024-9t", null, [new EvidenceItem("xa-vinh-phu", ["H2.1"])]);
        Assert.Equal(7, coverage.Units.Count);
        Assert.Equal(["H2.1"], coverage.Units.Single(u => u.UnitId == "xa-vinh-phu").Covered);
        Assert.Equal(["4.5", "H3.1"], coverage.ClusterMissing);
    }

    [Fact]
    public void An_unknown_cluster_is_an_error() =>
        Assert.Throws<ArgumentException>(() => Coverage.Compute(Sample.Campaign, "cum-9", "2024-6t", null, []));

    // Issue 7 lets a code repeat across tracks: "1.1" below is both a doan and a hoi criterion.
    private static CampaignOptions SharedCodeCampaign() => Sample.Modified(c =>
    {
        c.Criteria =
        [
            new CriterionOptions { Track = "doan", Code = "1.1", Points = 5, Scope = "Unit", Name = "Đoàn 1.1" },
            new CriterionOptions { Track = "hoi", Code = "1.1", Points = 8, Scope = "Unit", Name = "Hội 1.1" },
            new CriterionOptions { Track = "hoi", Code = "H2", Points = 3, Scope = "Unit", Name = "Hội H2" },
        ];
    });

    [Fact]
    public void A_shared_code_names_the_criterion_of_the_submissions_track()
    {
        var campaign = SharedCodeCampaign();
        EvidenceItem[] items = [new("xa-ngoc-hoa", ["1.1"], SubmissionTrack: "hoi")];
        var hoi = Coverage.Compute(campaign, "cum-2", "2024-6t", "hoi", items);
        var doan = Coverage.Compute(campaign, "cum-2", "2024-6t", "doan", items);
        Assert.Equal(["1.1"], hoi.Units.Single(u => u.UnitId == "xa-ngoc-hoa").Covered);
        Assert.Equal(8, hoi.CoveredPoints);
        Assert.Empty(doan.Units.Single(u => u.UnitId == "xa-ngoc-hoa").Covered);
        Assert.Equal(0, doan.CoveredPoints);
    }

    [Fact]
    public void Without_a_submission_track_a_shared_code_names_nothing_and_a_unique_code_its_criterion()
    {
        var campaign = SharedCodeCampaign();
        EvidenceItem[] items = [new("xa-ngoc-hoa", ["1.1", "H2"], SubmissionTrack: null)];
        var all = Coverage.Compute(campaign, "cum-2", "2024-6t", null, items);
        var ngocHoa = all.Units.Single(u => u.UnitId == "xa-ngoc-hoa");
        Assert.Equal(["H2"], ngocHoa.Covered);
        Assert.Equal(3, all.CoveredPoints);
        // Both 1.1 criteria stay missing, one per track.
        Assert.Equal(["doan", "hoi"], ngocHoa.MissingCriteria.Select(c => c.Track));
    }

    [Fact]
    public void Receipts_name_the_gap_of_the_right_track_for_a_shared_code()
    {
        var campaign = SharedCodeCampaign();
        var cluster = campaign.Clusters.Single(c => c.Id == "cum-2");
        var submission = new EvidenceMailWorker.Storage.SubmissionRecord(1, "<m@x>", DateTime.UtcNow, "a@b", null, null, "s", "accepted", null, null,
            "cum-2", "xa-ngoc-chuc", "hoi", "2024-6t", false,
            [new EvidenceMailWorker.Storage.AttachmentRecord("TC 1.1.pdf", "TC 1.1.pdf", "application/pdf", "application/pdf", 10, "00", null, ["1.1"], ["xa-ngoc-hoa"])]);
        var gap = new EvidenceMailWorker.Receipts.CoverageMissingEvidence().Find(campaign, cluster, null, [submission]);
        var doan11 = gap.Criteria.Single(g => g.Criterion.Track == "doan" && g.Criterion.Code == "1.1");
        var hoi11 = gap.Criteria.Single(g => g.Criterion.Track == "hoi" && g.Criterion.Code == "1.1");
        Assert.Contains("xa-ngoc-hoa", doan11.UnitIds);
        Assert.DoesNotContain("xa-ngoc-hoa", hoi11.UnitIds);
        // Covered is in points (CONTRACT §5): the one Hội 1.1 item for xa-ngoc-hoa.
        Assert.Equal(hoi11.Criterion.Points, gap.Covered);
    }
}
