using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Configuration;

// What `config check` tells the office about a valid campaign that leaders need to know: which codes
// must be written after `TC`, which codes need the track in the subject, which short unit names are
// not recognised and why, and which units are never recognised by their address.
public static class CampaignNotes
{
    public static IReadOnlyList<string> Of(CampaignOptions c)
    {
        var notes = new List<string>();
        var forms = c.Criteria.Select(x => (x, Form: CodeForm.Parse(x.Code))).Where(x => x.Form is not null).ToList();

        var needPrefix = forms.Where(x => x.Form!.NeedsPrefix).Select(x => x.x.Code).Distinct(StringComparer.Ordinal).ToList();
        if (needPrefix.Count > 0)
            notes.Add($"Codes recognised only after 'TC' or 'Tiêu chí' (e.g. 'TC {needPrefix[0]}', 'Tiêu chí {needPrefix[0]}'; not '{needPrefix[0]}' alone): {string.Join(", ", needPrefix)}");

        var shared = forms.GroupBy(x => x.Form!.Key, StringComparer.Ordinal)
            .Where(g => g.Select(x => x.x.Track).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => $"{g.First().x.Code} ({string.Join(", ", g.Select(x => x.x.Track).Distinct(StringComparer.Ordinal))})")
            .ToList();
        if (shared.Count > 0)
            notes.Add($"Codes in several tracks, counted only when the subject names the track (or other codes of the message decide it): {string.Join(", ", shared)}");

        foreach (var dropped in CampaignPhrases.Units(c).Dropped)
            notes.Add($"Unit '{dropped.UnitId}' is not recognised by the short form '{dropped.Text}': {dropped.Why}");

        foreach (var cluster in c.Clusters)
        {
            var reachable = c.Units.Where(u => u.Id == cluster.Leader || u.Id == cluster.Deputy).Any(u => u.Emails.Count > 0)
                || !string.IsNullOrWhiteSpace(cluster.Supervisor.Email);
            if (!reachable)
                notes.Add($"Cluster '{cluster.Id}' has no address for its leader, deputy or supervisor: its reminders and overdue notices cannot be sent");
        }

        var silent = c.Units.Where(u => u.Emails.Count == 0).Select(u => u.Id).ToList();
        if (silent.Count > 0)
            notes.Add($"Units without an e-mail address (their cluster's leader sends for them): {string.Join(", ", silent)}");
        return notes;
    }
}
