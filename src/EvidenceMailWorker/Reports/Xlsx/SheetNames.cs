namespace EvidenceMailWorker.Reports.Xlsx;

// Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, not starting or ending
// with an apostrophe, unique without regard to case.
public sealed class SheetNames
{
    public const int MaxLength = 31;
    private static readonly char[] Forbidden = ['[', ']', ':', '*', '?', '/', '\\'];
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public string Claim(string wanted)
    {
        var clean = new string(wanted.Normalize(System.Text.NormalizationForm.FormC).Select(c => Forbidden.Contains(c) || char.IsControl(c) ? '-' : c).ToArray()).Trim().Trim('\'');
        if (clean.Length == 0)
            clean = "Sheet";
        var name = Cut(clean, MaxLength);
        for (var n = 2; !_used.Add(name); n++)
        {
            var suffix = $" ({n})";
            name = Cut(clean, MaxLength - suffix.Length) + suffix;
        }
        return name;
    }

    private static string Cut(string s, int length) => s.Length <= length ? s : s[..length].TrimEnd();
}
