namespace EvidenceMailWorker.Health;

// What a running worker made of the configuration on disk, as it stored it for `status`: `loaded`
// at start, `accepted` after a valid edit, `rejected` (with every problem) when an edit was refused
// and the last good configuration stayed in use.
public sealed record ConfigReloadRecord(
    string Worker,
    DateTimeOffset StartedAt,
    DateTimeOffset? LastReloadAt,
    string State,
    IReadOnlyList<string> Problems);
