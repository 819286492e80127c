using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Receipts;

// Puts a batch of stored submissions into the words of a receipt. Matching results (criteria,
// units, period, lateness) are shown when the matching step filled them, and said to be
// "chưa xác định được" with the reason when it did not.
public sealed class ReceiptModelBuilder(IMissingEvidence missingEvidence)
{
    public const string Unknown = "chưa xác định được";

    public ReceiptModel Build(CampaignDirectory directory, string sender, IReadOnlyList<SubmissionRecord> batch,
        IReadOnlyList<SubmissionRecord> clusterAccepted)
    {
        var campaign = directory.Campaign;
        var zone = VietnameseTime.Zone(campaign.TimeZone);
        var senderUnit = directory.UnitByEmail(sender);
        var cluster = ClusterOf(directory, batch, senderUnit);
        var messages = batch.Select(s => Message(directory, s, zone)).ToList();
        var missing = MissingSections(campaign, batch, clusterAccepted, directory);
        var greeting = senderUnit is not null
            ? cluster is not null ? $"{senderUnit.Name} ({cluster.Name})" : senderUnit.Name
            : batch.LastOrDefault()?.FromName ?? sender;
        return new ReceiptModel(campaign.Organization, greeting, cluster?.Name, messages, missing,
            Guide(campaign, cluster, batch), campaign.Office.Recipients);
    }

    private static ClusterOptions? ClusterOf(CampaignDirectory directory, IReadOnlyList<SubmissionRecord> batch, UnitOptions? senderUnit)
    {
        var clusterId = batch.Select(s => s.Cluster).LastOrDefault(c => c is not null);
        if (clusterId is not null)
            return directory.Campaign.Clusters.FirstOrDefault(c => c.Id == clusterId);
        return senderUnit is null ? null : directory.ClusterOfUnit(senderUnit.Id);
    }

    private static ReceivedMessage Message(CampaignDirectory directory, SubmissionRecord s, TimeZoneInfo zone)
    {
        var campaign = directory.Campaign;
        var period = campaign.Periods.FirstOrDefault(p => p.Id == s.Period);
        string? timeliness = s.Late switch
        {
            true when period is not null && DateTimeOffset.TryParse(period.Deadline, out var deadline)
                => $"nộp trễ hạn (hạn chót {VietnameseTime.Format(deadline, zone)})",
            true => "nộp trễ hạn",
            false => "đúng hạn",
            null => null,
        };
        var notCounted = s.Status == MessageStatus.Accepted ? null : ReasonText.Vietnamese(s.Reason);
        return new ReceivedMessage(
            string.IsNullOrWhiteSpace(s.Subject) ? "(không có tiêu đề)" : s.Subject,
            VietnameseTime.Format(new DateTimeOffset(s.ReceivedAtUtc, TimeSpan.Zero), zone),
            period?.Name ?? Unknown,
            timeliness,
            notCounted,
            Files(directory, s));
    }

    private static List<ReceivedFile> Files(CampaignDirectory directory, SubmissionRecord s)
    {
        var campaign = directory.Campaign;
        var files = new List<ReceivedFile>();
        string? container = null;
        for (var i = 0; i < s.Attachments.Count; i++)
        {
            var a = s.Attachments[i];
            if (a.ArchivePath is null)
            {
                // Entries follow their archive in message order (CONTRACT §3 attachments).
                var entries = s.Attachments.Skip(i + 1).TakeWhile(e => e.ArchivePath is not null).Count();
                container = entries > 0 ? a.FileName : null;
                if (entries > 0)
                {
                    files.Add(new ReceivedFile(a.FileName, null, IsArchive: true, entries, [], null, [], null));
                    continue;
                }
            }
            var criteria = a.Criteria.Select(code => CriterionName(campaign, code, s.Track)).ToList();
            var units = a.Units.Select(id => campaign.Units.FirstOrDefault(u => u.Id == id)?.Name ?? id).ToList();
            // Evidence for cluster-scope criteria (e.g. a cluster meeting) rightly names no unit.
            if (units.Count == 0 && a.Criteria.Count > 0 && a.Criteria.All(code => IsClusterScope(campaign, code)))
                units.Add("cả cụm (tiêu chí chung của cụm)");
            files.Add(new ReceivedFile(
                a.ArchivePath ?? a.FileName,
                a.ArchivePath is null ? null : container,
                IsArchive: false, 0,
                criteria,
                criteria.Count == 0 ? NoCriterion(directory, s, a.FileName, a.ArchivePath) : null,
                units,
                units.Count == 0 ? $"{Unknown}: {NoUnit("tệp")}" : null));
        }
        // Links to document stores are evidence too (CONTRACT §4 "Links"), shown after the files.
        foreach (var link in s.Links)
        {
            var criteria = link.Criteria.Select(code => CriterionName(campaign, code, s.Track)).ToList();
            var units = link.Units.Select(id => campaign.Units.FirstOrDefault(u => u.Id == id)?.Name ?? id).ToList();
            files.Add(new ReceivedFile(
                link.Url, null, IsArchive: false, 0,
                criteria,
                criteria.Count == 0 ? $"{Unknown}: dòng chứa liên kết không ghi mã tiêu chí (ví dụ “TC 1.1: https://…”)" : null,
                units,
                units.Count == 0 ? $"{Unknown}: {NoUnit("liên kết")}" : null));
        }
        return files;
    }

    // A unit-scope criterion is covered per unit (CONTRACT §5): evidence without a unit covers none of
    // them, and the receipt must not say it counts for the cluster and then list the criterion as missing.
    private static string NoUnit(string what) =>
        $"{what} chưa được tính cho đơn vị nào; xin ghi tên đơn vị vào tên {what} (ví dụ “TC 1.1 - Xã … - Kế hoạch.pdf”)";

    // A code both criteria sets have (both start at 1.1) names no criterion until the subject names the
    // track; say so, with the words that would name it.
    private static string NoCriterion(CampaignDirectory directory, SubmissionRecord s, string fileName, string? archivePath)
    {
        var shared = s.Track is null
            ? directory.Matcher.CodesOfSeveralTracks(fileName).Concat(directory.Matcher.CodesOfSeveralTracks(archivePath)).Distinct(StringComparer.Ordinal).ToList()
            : [];
        if (shared.Count == 0)
            return $"{Unknown}: tên tệp và thư mục không có mã tiêu chí (ví dụ “TC {directory.Campaign.Criteria.FirstOrDefault()?.Code ?? "1.1"}”)";
        var tracks = directory.Campaign.Tracks
            .Where(t => directory.Matcher.TracksOfCode(shared[0]).Contains(t.Id))
            .Select(t => $"“{t.Keywords.FirstOrDefault() ?? t.Name}” ({t.Name})");
        return $"{Unknown}: mã “{shared[0]}” có ở nhiều mảng; xin ghi rõ mảng trong tiêu đề thư, ví dụ {string.Join(" hoặc ", tracks)}";
    }

    private static bool IsClusterScope(CampaignOptions campaign, string code) =>
        campaign.Criteria.Any(c => c.Code.Equals(code, StringComparison.OrdinalIgnoreCase) && c.Scope.Equals("Cluster", StringComparison.OrdinalIgnoreCase));

    private static string CriterionName(CampaignOptions campaign, string code, string? trackId)
    {
        var criterion = campaign.Criteria.FirstOrDefault(c => c.Code.Equals(code, StringComparison.OrdinalIgnoreCase) && (trackId is null || c.Track == trackId))
            ?? campaign.Criteria.FirstOrDefault(c => c.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
        return criterion is null ? code : $"{criterion.Code} – {criterion.Name}";
    }

    private List<MissingSection> MissingSections(CampaignOptions campaign, IReadOnlyList<SubmissionRecord> batch,
        IReadOnlyList<SubmissionRecord> clusterAccepted, CampaignDirectory directory)
    {
        var sections = new List<MissingSection>();
        var scopes = batch.Where(s => s.Status == MessageStatus.Accepted && s.Cluster is not null)
            .Select(s => (Cluster: s.Cluster!, s.Period, s.Track)).Distinct();
        foreach (var (clusterId, periodId, trackId) in scopes)
        {
            var cluster = campaign.Clusters.FirstOrDefault(c => c.Id == clusterId);
            if (cluster is null)
                continue;
            var evidence = clusterAccepted.Where(s => s.Cluster == clusterId && s.Period == periodId);
            var gap = missingEvidence.Find(campaign, cluster, trackId, evidence);
            var criteria = gap.Criteria.Select(g => new MissingCriterion(g.Criterion.Code, g.Criterion.Name, Lacking(g, cluster, directory),
                NoUnitYet: !g.ClusterScope && g.UnitIds.Count == cluster.Units.Count)).ToList();
            sections.Add(new MissingSection(
                campaign.Periods.FirstOrDefault(p => p.Id == periodId)?.Name ?? Unknown,
                campaign.Tracks.FirstOrDefault(t => t.Id == trackId)?.Name,
                gap.Covered, gap.Required, criteria));
        }
        return sections;
    }

    private static string Lacking(CriterionGap gap, ClusterOptions cluster, CampaignDirectory directory)
    {
        if (gap.ClusterScope)
            return "tiêu chí chung của cụm, chưa có minh chứng";
        if (gap.UnitIds.Count == cluster.Units.Count)
            return $"cả {cluster.Units.Count} đơn vị";
        return string.Join(", ", gap.UnitIds.Select(id => directory.Campaign.Units.FirstOrDefault(u => u.Id == id)?.Name ?? id));
    }

    private static NamingGuide Guide(CampaignOptions campaign, ClusterOptions? cluster, IReadOnlyList<SubmissionRecord> batch)
    {
        var codes = campaign.Criteria.Select(c => c.Code).DefaultIfEmpty("1.1").ToList();
        var first = codes[0];
        var second = codes.Count > 1 ? codes[1] : first;
        var memberName = cluster?.Units.Skip(1).Select(id => campaign.Units.FirstOrDefault(u => u.Id == id)?.Name).FirstOrDefault(n => n is not null) ?? "Tên đơn vị";
        var period = campaign.Periods.FirstOrDefault(p => batch.Any(s => s.Period == p.Id)) ?? campaign.Periods.FirstOrDefault();
        return new NamingGuide(
            $"TC {first} - Kế hoạch.pdf",
            $"TC {second} - {memberName} - Báo cáo.docx",
            $"Tiêu chí {first}/anh 1.jpg",
            $"{cluster?.Name ?? "Cụm"} gửi minh chứng {period?.Name ?? ""}".TrimEnd());
    }
}
