using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Tests.Support;
using Xunit;

namespace EvidenceMailWorker.Tests.Configuration;

// Validation for campaigns shaped unlike the sample: it accepts what real districts write and reports,
// with both JSON paths, every name or code the matcher could confuse.
public sealed class AnyCampaignValidatorTests
{
    private readonly CampaignOptions _city = TestCampaigns.Named(TestCampaigns.City);

    private IReadOnlyList<ConfigProblem> Validate() => CampaignValidator.Validate(_city);

    private int UnitIndex(string id) => _city.Units.FindIndex(u => u.Id == id);

    [Fact]
    public void The_city_campaign_is_valid() => Assert.Empty(Validate());

    [Theory]
    [InlineData("1")]
    [InlineData("12")]
    [InlineData("A")]
    public void A_unit_alias_that_is_a_bare_number_or_letter_is_reported(string alias)
    {
        _city.Units[UnitIndex("p1")].Aliases.Add(alias);
        ProblemAssert.Single(Validate(), $"Campaign.Units[{UnitIndex("p1")}].Aliases[0]", "is a bare number or a single letter");
    }

    [Fact]
    public void A_unit_alias_that_reads_as_a_criterion_code_is_reported()
    {
        _city.Units[UnitIndex("p4")].Aliases.Add("4A");
        ProblemAssert.Single(Validate(), $"Campaign.Units[{UnitIndex("p4")}].Aliases[0]", "reads as criterion code '4a' (dtn)");
    }

    [Fact]
    public void A_unit_alias_inside_a_cluster_name_is_reported()
    {
        _city.Units[UnitIndex("vi-tan")].Aliases.Add("các xã");
        ProblemAssert.Single(Validate(), $"Campaign.Units[{UnitIndex("vi-tan")}].Aliases[0]", "is part of the cluster name 'cụm các xã' (Campaign.Clusters[2].Aliases[2])");
    }

    [Fact]
    public void Twin_names_in_one_cluster_are_reported_with_both_paths()
    {
        // Move the second THCS Nguyễn Trãi into the cluster of the first.
        _city.Clusters[2].Units.Remove("thcs-nguyen-trai-hl");
        _city.Clusters[0].Units.Add("thcs-nguyen-trai-hl");
        var twin = UnitIndex("thcs-nguyen-trai-hl");
        ProblemAssert.Single(Validate(), $"Campaign.Units[{twin}].Name",
            $"also names unit 'thcs-nguyen-trai-p1' (Campaign.Units[{UnitIndex("thcs-nguyen-trai-p1")}].Name) of the same cluster");
    }

    [Fact]
    public void Twin_names_in_different_clusters_are_accepted() =>
        Assert.Equal(_city.Units[UnitIndex("thcs-nguyen-trai-p1")].Name, _city.Units[UnitIndex("thcs-nguyen-trai-hl")].Name);

    [Fact]
    public void Phrases_are_compared_as_the_matcher_compares_them()
    {
        // "6-THÁNG" and "6 tháng" are one phrase to the matcher: punctuation and case do not count.
        _city.Periods[0].Aliases.Add("6-THÁNG");
        ProblemAssert.Single(Validate(), "Campaign.Periods[1].Aliases[0]", "'6 tháng' also names period '2025-9t' (Campaign.Periods[0].Aliases[2])");
    }

    [Fact]
    public void Punctuation_alone_is_not_a_phrase()
    {
        _city.Clusters[0].Aliases.Add("--");
        ProblemAssert.Single(Validate(), "Campaign.Clusters[0].Aliases[2]", "has no letters or digits");
    }

    [Fact]
    public void The_same_code_twice_in_one_track_is_reported_however_it_is_written()
    {
        _city.Criteria[9].Code = "h.4";
        _city.Criteria[9].Track = "hlhtn";
        _city.Criteria[8].Code = "H_4";
        ProblemAssert.Single(Validate(), "Campaign.Criteria[9].Code", "reads the same as 'H_4' of Campaign.Criteria[8]");
    }
}
