using System.Globalization;
using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Configuration;

public static partial class CampaignValidator
{
    private static readonly string[] AwardKinds = ["Cluster", "ClusterLeader"];
    private static readonly string[] CriterionScopes = ["Unit", "Cluster"];

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
        // Codes are compared in the matcher's form (Text/CodeForm: case-folded, `.`/`-`/`_` alike), and
        // only within a track: both criteria sets of a district may start at 1.1, and the message's
        // track tells them apart.
        var firstByCode = new Dictionary<(string Track, string Key), int>();
        for (var i = 0; i < c.Criteria.Count; i++)
        {
            var criterion = c.Criteria[i];
            var path = $"{list}[{i}]";
            TrackReference($"{path}.Track", criterion.Track, tracks, p);

            if (p.Required($"{path}.Code", criterion.Code, "a criterion code such as '1.1'"))
            {
                if (CodeForm.Parse(criterion.Code) is not { } form)
                    p.Add($"{path}.Code", $"code '{criterion.Code}' is not a criterion code; use one of the forms {CodeForm.Forms} (letters, numbers and '.', '-' or '_' between them, no spaces)");
                else if (firstByCode.TryGetValue((criterion.Track, form.Key), out var first))
                    p.Add($"{path}.Code", c.Criteria[first].Code == criterion.Code
                        ? $"code '{criterion.Code}' is already used by {list}[{first}] in the same track '{criterion.Track}'"
                        : $"code '{criterion.Code}' reads the same as '{c.Criteria[first].Code}' of {list}[{first}] in the same track '{criterion.Track}' ('.', '-', '_' and case do not tell codes apart)");
                else
                    firstByCode[(criterion.Track, form.Key)] = i;
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
