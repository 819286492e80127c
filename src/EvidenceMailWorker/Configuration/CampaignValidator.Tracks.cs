using System.Globalization;
using System.Text.RegularExpressions;

namespace EvidenceMailWorker.Configuration;

public static partial class CampaignValidator
{
    private static readonly string[] AwardKinds = ["Cluster", "ClusterLeader"];
    private static readonly string[] CriterionScopes = ["Unit", "Cluster"];

    // File names carry the code alone ("TC 1.1 - ...", "H2.3_anh.jpg"): a short letter prefix and
    // dotted numbers keep it recognisable as a token.
    [GeneratedRegex(@"^[A-Za-z]{0,3}\d+(\.\d+)*$")]
    private static partial Regex CriterionCode();

    private static void CheckTracks(CampaignOptions c, ProblemList p)
    {
        var list = $"{Root}.Tracks";
        if (c.Tracks.Count == 0)
            p.Add(list, "is empty; at least one track is required");
        p.UniqueIds(list, c.Tracks, x => x.Id, "track");
        for (var i = 0; i < c.Tracks.Count; i++)
        {
            var track = c.Tracks[i];
            var path = $"{list}[{i}]";
            p.Id($"{path}.Id", track.Id);
            p.Required($"{path}.Name", track.Name, "the track's name");
            p.NonBlankEntries($"{path}.Keywords", track.Keywords);
            if (!string.IsNullOrWhiteSpace(track.Id) && !c.Criteria.Any(x => x.Track == track.Id))
                p.Add(path, $"track '{track.Id}' has no criteria; coverage cannot be computed for it");
        }
        PhrasesNameOneThing(list, c.Tracks, x => x.Id, x => Entries("Keywords", x.Keywords), "track", p);
    }

    private static void CheckCriteria(CampaignOptions c, ProblemList p)
    {
        var list = $"{Root}.Criteria";
        if (c.Criteria.Count == 0)
            p.Add(list, "is empty; at least one criterion is required");

        var tracks = c.Tracks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        // Codes are compared case-insensitively because file names are matched case-folded.
        var firstByCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < c.Criteria.Count; i++)
        {
            var criterion = c.Criteria[i];
            var path = $"{list}[{i}]";
            TrackReference($"{path}.Track", criterion.Track, tracks, p);

            if (p.Required($"{path}.Code", criterion.Code, "a criterion code such as '1.1'"))
            {
                if (!CriterionCode().IsMatch(criterion.Code))
                    p.Add($"{path}.Code", $"code '{criterion.Code}' is not of the form '1.1', '2.3.1' or 'H1.2' (up to 3 letters, then numbers separated by dots)");
                if (firstByCode.TryGetValue(criterion.Code, out var first))
                {
                    var other = c.Criteria[first];
                    var where = other.Track == criterion.Track
                        ? $"in the same track '{criterion.Track}'"
                        : $"in track '{other.Track}'; file names carry only the code, so codes must be unique across tracks";
                    p.Add($"{path}.Code", $"code '{criterion.Code}' is already used by {list}[{first}] {where}");
                }
                else
                {
                    firstByCode[criterion.Code] = i;
                }
            }

            p.Required($"{path}.Name", criterion.Name, "the criterion's name");
            if (!(criterion.Points > 0) || double.IsInfinity(criterion.Points))
                p.Add($"{path}.Points", $"'{criterion.Points.ToString(CultureInfo.InvariantCulture)}' must be more than 0");
            if (!CriterionScopes.Contains(criterion.Scope, StringComparer.Ordinal))
                p.Add($"{path}.Scope", $"'{criterion.Scope}' is not a scope; use 'Unit' (every unit needs evidence) or 'Cluster' (the cluster as a whole)");
            p.NonBlankEntries($"{path}.Keywords", criterion.Keywords);
        }
    }

    private static void CheckAwards(CampaignOptions c, ProblemList p)
    {
        var tracks = c.Tracks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < c.Awards.Count; i++)
        {
            var award = c.Awards[i];
            var path = $"{Root}.Awards[{i}]";
            TrackReference($"{path}.Track", award.Track, tracks, p);
            if (!AwardKinds.Contains(award.Kind, StringComparer.Ordinal))
                p.Add($"{path}.Kind", $"'{award.Kind}' is not an award kind; use 'Cluster' or 'ClusterLeader'");
            p.Required($"{path}.Title", award.Title, "the award's title");
            if (award.PrizeVnd < 0)
                p.Add($"{path}.PrizeVnd", $"'{award.PrizeVnd}' is negative; use 0 or more");
        }
    }

    private static void TrackReference(string path, string track, HashSet<string> tracks, ProblemList p)
    {
        if (p.Required(path, track, "a track id") && !tracks.Contains(track))
            p.Add(path, $"no track has id '{track}' (known: {string.Join(", ", tracks.Select(t => $"'{t}'"))})");
    }
}
