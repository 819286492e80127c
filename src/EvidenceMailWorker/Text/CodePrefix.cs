namespace EvidenceMailWorker.Text;

// The words a leader writes before a criterion code: `TC`, `TC-`, `TC.`, `tc`, `Tiêu chí`, `Tieu chi`,
// glued to the code or not (`TC3`, `TC 3`, `Tiêu chí 3`).
public static class CodePrefix
{
    // How many segments just before `at` are a prefix (0 when none).
    public static int EndingAt(IReadOnlyList<CodeSegment> s, int at)
    {
        if (at >= 1 && !s[at - 1].IsDigits && s[at - 1].Text == "tc")
            return 1;
        if (at >= 2 && s[at - 1].Text == "chi" && s[at - 2].Text == "tieu" && s[at - 1].Gap != Gap.Glued)
            return 2;
        return 0;
    }

    public static int AtStart(IReadOnlyList<CodeSegment> s) =>
        s.Count >= 1 && EndingAt(s, 1) == 1 ? 1 : s.Count >= 2 && EndingAt(s, 2) == 2 ? 2 : 0;
}
