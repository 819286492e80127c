namespace EvidenceMailWorker.Text;

// Finds configured criterion codes in a file name, folder or link line. A code is found only where it
// stands alone: not inside a longer number (`1.1` is not in `1.10`, `11.1`, `1.1.2` or `21.1.2024`),
// not after letters written onto it (`1.1` is not in `H1.1`) and not before them (`1` is not in
// `1a`); one that looks like a word (CodeForm.NeedsPrefix) only right after `TC`/`Tiêu chí`.
// Where two codes start at one place, the longer wins (`TN-1.2` before `TN-1`).
public sealed class CodeFinder
{
    private readonly Dictionary<string, CodeForm> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CodeForm>> _byFirstSegment = new(StringComparer.Ordinal);

    public CodeFinder(IEnumerable<CodeForm> codes)
    {
        foreach (var code in codes)
        {
            if (!_byKey.TryAdd(code.Key, code))
                continue;
            if (!_byFirstSegment.TryGetValue(code.Segments[0], out var list))
                _byFirstSegment[code.Segments[0]] = list = [];
            list.Add(code);
        }
        foreach (var list in _byFirstSegment.Values)
            list.Sort((a, b) => b.Segments.Count.CompareTo(a.Segments.Count));
    }

    // The keys of the codes found, in text order, each once.
    public IReadOnlyList<string> Find(string? text)
    {
        var found = new List<string>();
        if (_byKey.Count == 0 || string.IsNullOrEmpty(text))
            return found;
        var s = CodeSegments.Split(text);
        for (var i = 0; i < s.Count; i++)
        {
            if (!_byFirstSegment.TryGetValue(s[i].Text, out var candidates))
                continue;
            foreach (var code in candidates)
            {
                if (!StandsAlone(s, i, code))
                    continue;
                if (!found.Contains(code.Key))
                    found.Add(code.Key);
                i += code.Segments.Count - 1;
                break;
            }
        }
        return found;
    }

    private static bool StandsAlone(IReadOnlyList<CodeSegment> s, int at, CodeForm code)
    {
        var end = at + code.Segments.Count;
        if (end > s.Count)
            return false;
        for (var j = 0; j < code.Segments.Count; j++)
        {
            var segment = s[at + j];
            if (segment.Text != code.Segments[j] || (j > 0 && segment.Gap == Gap.Space))
                return false;
        }
        var prefix = CodePrefix.EndingAt(s, at);
        if (at > 0 && s[at].Gap != Gap.Space && prefix == 0)
        {
            var left = s[at - 1];
            // `21.1.1`, `H1.1`: the code would be the tail of something longer. Letters glued on that
            // are longer than any code's letter prefix are a word written onto it (`Baocao1.1`).
            if (left.IsDigits || (s[at].Gap == Gap.Glued && left.Text.Length <= CodeForm.MaxPrefixLetters))
                return false;
        }
        // `1.1.2`, `1.10`: a longer number; `1a`: a one-letter suffix makes another code. A longer word
        // glued on (`1.1Kehoach`) is not part of the code.
        if (end < s.Count && s[end].Gap != Gap.Space && (s[end].IsDigits || (s[end].Gap == Gap.Glued && s[end].Text.Length == 1)))
            return false;
        return !code.NeedsPrefix || prefix > 0;
    }
}
