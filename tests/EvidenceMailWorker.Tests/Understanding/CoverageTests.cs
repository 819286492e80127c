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
}
