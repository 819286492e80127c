namespace EvidenceMailWorker.Schedule;

public sealed record MissingUnit(string Id, IReadOnlyList<string> Criteria);

// What a cluster still lacks in one track.
public sealed record TrackMissing(string Track, IReadOnlyList<MissingUnit> Units, IReadOnlyList<string> Cluster);

// CONTRACT §3 `missing`: codes per unit and cluster-scope codes over every track, plus the same per
// track (a code may exist in both tracks, so the flat lists alone would not say which one is meant).
public sealed record Missing(IReadOnlyList<MissingUnit> Units, IReadOnlyList<string> Cluster, IReadOnlyList<TrackMissing> Tracks);

public sealed record DigestCounts(int Messages, int Accepted, int Quarantined, int Ignored, int Failed);

// One email a job would send, before rendering: who gets it, its idempotency key (CONTRACT §5), the
// facts `jobs run --json` prints, and View, the model its templates render.
public sealed record PlannedEmail(
    string Purpose,
    string Key,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string? Cluster,
    string? Period,
    Missing? Missing,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    DigestCounts? Counts,
    object View);
