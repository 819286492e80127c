using System.Text.RegularExpressions;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Understanding;

// The phrases that name a unit: its Name, its Aliases, and its Name without a leading `Xã`/`Phường`,
// because leaders write `Ngọc Hòa`, not `Xã Ngọc Hòa`, and the sample leaves such aliases empty.
// `Thị trấn` is not cut off: `Giồng Riềng` alone is also the district's name (Huyện đoàn Giồng Riềng).
public static partial class UnitNames
{
    [GeneratedRegex(@"^\s*(xã|phường)\s+(?<rest>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommunePrefix();

    public static IEnumerable<(string UnitId, string Text)> Phrases(IEnumerable<UnitOptions> units)
    {
        foreach (var unit in units)
        {
            var name = unit.Name.Normalize(System.Text.NormalizationForm.FormC);
            yield return (unit.Id, name);
            var prefix = CommunePrefix().Match(name);
            if (prefix.Success)
                yield return (unit.Id, prefix.Groups["rest"].Value);
            foreach (var alias in unit.Aliases)
                yield return (unit.Id, alias);
        }
    }
}
