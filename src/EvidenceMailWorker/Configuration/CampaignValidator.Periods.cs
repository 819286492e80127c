using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Configuration;

public static partial class CampaignValidator
{
    private static void CheckPeriods(CampaignOptions c, ProblemList p)
    {
        var list = $"{Root}.Periods";
        if (c.Periods.Count == 0)
            p.Add(list, "is empty; at least one period with a deadline is required");
        p.UniqueIds(list, c.Periods, x => x.Id, "period");

        // Periods may be listed in any order (matching sorts them by deadline), but two with one
        // deadline would leave "the first period whose deadline is after" undecided.
        var periodOfDeadline = new Dictionary<DateTimeOffset, int>();
        for (var i = 0; i < c.Periods.Count; i++)
        {
            var period = c.Periods[i];
            var path = $"{list}[{i}]";
            p.Id($"{path}.Id", period.Id);
            p.Required($"{path}.Name", period.Name, "the period's name as it appears in subjects");
            p.NonBlankEntries($"{path}.Aliases", period.Aliases);

            if (!p.Required($"{path}.Deadline", period.Deadline, $"a deadline such as '{DeadlineFormat.Example}'"))
                continue;
            if (!DeadlineFormat.TryParse(period.Deadline, out var deadline))
            {
                p.Add($"{path}.Deadline", $"'{period.Deadline}' is not an ISO 8601 date and time with an explicit offset (e.g. '{DeadlineFormat.Example}'; add 'Z' or '+07:00')");
                continue;
            }
            if (periodOfDeadline.TryGetValue(deadline, out var first))
                p.Add($"{path}.Deadline", $"'{period.Deadline}' is also the deadline of {list}[{first}] ('{c.Periods[first].Id}'); two periods cannot end at the same moment");
            else
                periodOfDeadline[deadline] = i;
        }

        PhrasesNameOneThing(list, c.Periods, x => x.Id, x => NameAndAliases(x.Name, x.Aliases), "period", p);
    }

    // A subject phrase that names two periods (or units, clusters, tracks) can never decide
    // anything, which an admin would only discover from wrong receipts; flag it up front.
    private static void PhrasesNameOneThing<T>(
        string listPath, IReadOnlyList<T> items, Func<T, string> id, Func<T, IEnumerable<(string Key, string Text)>> phrases,
        string what, ProblemList p)
    {
        var owner = new Dictionary<string, (int Index, string Path)>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var (key, text) in phrases(items[i]))
            {
                if (string.IsNullOrWhiteSpace(text)) continue;
                var path = $"{listPath}[{i}].{key}";
                var normalised = NormalisePhrase(text);
                if (normalised.Length == 0)
                {
                    p.Add(path, $"'{text}' has no letters or digits, so it can never be found in a subject");
                    continue;
                }
                if (owner.TryGetValue(normalised, out var first) && first.Index != i)
                    p.Add(path, $"'{text}' also names {what} '{id(items[first.Index])}' ({first.Path}); a phrase must name one {what}");
                else
                    owner.TryAdd(normalised, (i, path));
            }
        }
    }

    private static IEnumerable<(string Key, string Text)> NameAndAliases(string name, IReadOnlyList<string> aliases) =>
        [("Name", name), .. Entries("Aliases", aliases)];

    private static IEnumerable<(string Key, string Text)> Entries(string key, IReadOnlyList<string> entries) =>
        entries.Select((text, k) => ($"{key}[{k}]", text));

    // The matcher's own comparison (Text/VietnameseText.Key), so "the same phrase" means the same here
    // and in matching: case, spacing, punctuation and tone placement do not tell phrases apart.
    private static string NormalisePhrase(string phrase) => VietnameseText.Key(phrase);
}
