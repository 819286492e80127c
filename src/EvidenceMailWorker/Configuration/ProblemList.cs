namespace EvidenceMailWorker.Configuration;

// Collects problems in the order they are found so the admin reads them top to bottom as the
// file is laid out; the small helpers keep the wording of recurring checks identical.
internal sealed class ProblemList
{
    private readonly List<ConfigProblem> _items = [];

    public IReadOnlyList<ConfigProblem> Items => _items;

    public void Add(string path, string message) => _items.Add(new ConfigProblem(path, message));

    // Returns whether the value is present so callers can skip checks that would only repeat it.
    public bool Required(string path, string? value, string what = "a value")
    {
        if (!string.IsNullOrWhiteSpace(value)) return true;
        Add(path, $"is empty; {what} is required");
        return false;
    }

    public void Email(string path, string? address, bool required = true)
    {
        if (string.IsNullOrEmpty(address))
        {
            if (required) Add(path, "is empty; an e-mail address is required");
            return;
        }
        if (!EmailAddressRule.IsWellFormed(address))
            Add(path, $"'{address}' is not a valid e-mail address (expected name@domain.tld, without a display name)");
    }

    public void NonBlankEntries(string path, IReadOnlyList<string> entries)
    {
        for (var i = 0; i < entries.Count; i++)
            if (string.IsNullOrWhiteSpace(entries[i]))
                Add($"{path}[{i}]", "is empty; remove it or fill it in");
    }

    public void Id(string path, string? id)
    {
        if (!Required(path, id, "an id")) return;
        if (id!.Any(char.IsWhiteSpace))
            Add(path, $"id '{id}' contains spaces; ids are typed on the command line, use '-' instead");
    }

    // Ids are looked up exactly, but two ids differing only in case would confuse every human
    // reading a report, so uniqueness ignores case.
    public void UniqueIds<T>(string listPath, IReadOnlyList<T> items, Func<T, string> id, string what)
    {
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var value = id(items[i]);
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (seen.TryGetValue(value, out var first))
                Add($"{listPath}[{i}].Id", $"{what} id '{value}' is already used by {listPath}[{first}]");
            else
                seen[value] = i;
        }
    }
}
