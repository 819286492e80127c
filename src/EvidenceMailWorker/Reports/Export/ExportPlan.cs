using System.Security.Cryptography;
using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Reports.Export;

// One file of the package: where it goes, where its bytes come from (a stored blob, or the text
// of a .url shortcut), and what index.xlsx says about it.
public sealed record ExportEntry(
    string PackagePath,
    string? BlobSha256,
    string? ShortcutText,
    long Size,
    string ContentSha256,
    string OriginalName,
    SubmissionRecord Submission,
    string ClusterName,
    string UnitName,
    IReadOnlyList<CriterionOptions> Criteria);

// CONTRACT §5 "Export" as a list of entries, decided before a byte is copied: pure, so the tree
// rules are tested without a database and the writer only streams.
public static class ExportPlan
{
    public const string Unclassified = "_chua-phan-loai";
    public const string UnknownCluster = "(chưa rõ cụm)";

    public static IReadOnlyList<ExportEntry> Build(CampaignOptions campaign, IEnumerable<SubmissionRecord> submissions, string? periodId)
    {
        var directory = new CampaignDirectory(campaign);
        var resolver = new CriterionResolver(campaign);
        var names = new CampaignNames(campaign);
        var folders = new Dictionary<string, Folder>(StringComparer.OrdinalIgnoreCase);
        var entries = new List<ExportEntry>();

        foreach (var s in submissions
            .Where(s => s.Status == MessageStatus.Accepted && (periodId is null || s.Period == periodId))
            .OrderBy(s => s.ReceivedAtUtc).ThenBy(s => s.Id))
        {
            var cluster = s.Unit is not null ? directory.ClusterOfUnit(s.Unit) : campaign.Clusters.FirstOrDefault(c => c.Id == s.Cluster);
            var clusterName = cluster?.Name ?? UnknownCluster;
            for (var i = 0; i < s.Attachments.Count; i++)
            {
                var a = s.Attachments[i];
                // An archive whose entries follow it is written as those entries (§5).
                if (a.ArchivePath is null && i + 1 < s.Attachments.Count && s.Attachments[i + 1].ArchivePath is not null)
                    continue;
                foreach (var (folder, unitName) in Folders(campaign, names, resolver.Resolve(a.Criteria, s.Track), a.Units, clusterName))
                    Place(folders, entries, folder, FileNameSanitizer.Sanitize(a.FileName), a.Sha256, null, a.Size, a.Sha256,
                        a.ArchivePath ?? a.OriginalFileName, s, clusterName, unitName, resolver.Resolve(a.Criteria, s.Track));
            }
            foreach (var link in s.Links)
            {
                var text = Shortcut(link.Url);
                var bytes = Encoding.UTF8.GetBytes(text);
                var criteria = resolver.Resolve(link.Criteria, s.Track);
                foreach (var (folder, unitName) in Folders(campaign, names, criteria, link.Units, clusterName))
                    Place(folders, entries, folder, ShortcutName(link.Url), null, text, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)),
                        link.Url, s, clusterName, unitName, criteria);
            }
        }
        return entries;
    }

    public static string Shortcut(string url) => $"[InternetShortcut]\r\nURL={url}\r\n";

    private static string ShortcutName(string url)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "lien-ket";
        return FileNameSanitizer.Sanitize($"Liên kết {host}.url");
    }

    // <track id> - <track name>/<code> - <criterion name>/<cluster name>[/<unit name>], once per
    // criterion and unit; a cluster-scope criterion or an item without a unit stays in the cluster folder.
    private static IEnumerable<(string Folder, string UnitName)> Folders(CampaignOptions campaign, CampaignNames names,
        IReadOnlyList<CriterionOptions> criteria, IReadOnlyList<string> units, string clusterName)
    {
        if (criteria.Count == 0)
        {
            yield return (Join(Unclassified, Segment(clusterName)), string.Join(", ", units.Select(names.Unit)));
            yield break;
        }
        foreach (var criterion in criteria)
        {
            var track = campaign.Tracks.FirstOrDefault(t => t.Id == criterion.Track);
            var clusterFolder = Join(Segment($"{criterion.Track} - {track?.Name ?? criterion.Track}"), Segment($"{criterion.Code} - {criterion.Name}"), Segment(clusterName));
            if (Coverage.IsClusterScope(criterion) || units.Count == 0)
                yield return (clusterFolder, string.Join(", ", units.Select(names.Unit)));
            else
                foreach (var unit in units)
                    yield return (Join(clusterFolder, Segment(names.Unit(unit))), names.Unit(unit));
        }
    }

    private static void Place(Dictionary<string, Folder> folders, List<ExportEntry> entries, string folderPath, string fileName,
        string? blob, string? shortcut, long size, string contentSha, string original, SubmissionRecord s, string clusterName, string unitName,
        IReadOnlyList<CriterionOptions> criteria)
    {
        if (!folders.TryGetValue(folderPath, out var folder))
            folders[folderPath] = folder = new Folder();
        if (!folder.Contents.Add(contentSha))
            return; // the same bytes twice in one folder are written once
        var name = fileName;
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        for (var n = 2; !folder.Names.Add(name); n++)
            name = $"{stem} ({n}){extension}";
        entries.Add(new ExportEntry(Join(folderPath, name), blob, shortcut, size, contentSha, original, s, clusterName, unitName, criteria));
    }

    private static string Segment(string name) =>
        FileNameSanitizer.Sanitize(name.Replace('/', '-').Replace('\\', '-'));

    private static string Join(params string[] segments) => string.Join('/', segments);

    private sealed class Folder
    {
        public HashSet<string> Contents { get; } = new(StringComparer.Ordinal);
        // Windows folders ignore case: two names differing only in case would collide there.
        public HashSet<string> Names { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
