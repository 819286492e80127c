namespace EvidenceMailWorker.Reports;

// The three keys CONTRACT §5 ranks by.
public readonly record struct RankKey(decimal Score, decimal Coverage, DateTime? FirstAtUtc);

// CONTRACT §5 "Rank": score desc, then coverage desc, then first arrival asc (none last); clusters
// equal on all three share a rank, and the next rank skips (1, 2, 2, 4).
public static class Ranking
{
    public static IReadOnlyList<(T Item, int Rank)> Rank<T>(IEnumerable<T> items, Func<T, RankKey> key)
    {
        var ordered = items.Select(i => (Item: i, Key: key(i))).OrderBy(e => e.Key, KeyOrder).ToList();
        var ranked = new List<(T, int)>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && KeyOrder.Compare(ordered[i - 1].Key, ordered[i].Key) == 0 ? ranked[i - 1].Item2 : i + 1;
            ranked.Add((ordered[i].Item, rank));
        }
        return ranked;
    }

    // Negative when the first should rank higher. OrderBy is stable, so equal keys keep input order.
    public static readonly IComparer<RankKey> KeyOrder = Comparer<RankKey>.Create((a, b) =>
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
            return byScore;
        var byCoverage = b.Coverage.CompareTo(a.Coverage);
        return byCoverage != 0 ? byCoverage : CompareFirst(a.FirstAtUtc, b.FirstAtUtc);
    });

    // Earlier first; a cluster that sent nothing comes last.
    public static int CompareFirst(DateTime? a, DateTime? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        _ => a.Value.CompareTo(b.Value),
    };
}
