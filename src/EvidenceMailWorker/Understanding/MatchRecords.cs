namespace EvidenceMailWorker.Understanding;

// One file of a message as matching sees it. ArchivePath is the path inside the archive (CONTRACT §3);
// ArchiveName is the name of the top-level archive that held it, which names a folder in effect.
public sealed record FileToMatch(string FileName, string? ArchivePath = null, string? ArchiveName = null);

// What matching reads of a message: never the sender's address itself, only the unit it resolved to.
public sealed record MessageToMatch(
    string? Subject,
    DateTimeOffset ReceivedAt,
    string? SenderUnitId,
    IReadOnlyList<FileToMatch> Files,
    string? TextBody = null,
    string? HtmlBody = null);

public enum CriterionSource
{
    None,
    // A criterion code in the name, a folder or the link's line.
    Code,
    // No code, but exactly one criterion's keywords in the file name / link line.
    Keyword,
}

public enum UnitSource
{
    None,
    // A unit's name or alias in the file name, a folder or the link's line.
    Named,
    Subject,
    Sender,
}

// The criteria and units one evidence item (file or link) counts for, and why: receipts explain it.
// OtherTrackCodes are codes that were found but belong to another track than the message's;
// CodesNeedingTrack are codes of several tracks found in a message that names no track, so they name
// no criterion until the sender names the track in the subject.
public sealed record ItemMatch(
    IReadOnlyList<string> Criteria,
    CriterionSource CriterionSource,
    IReadOnlyList<string> Units,
    UnitSource UnitSource,
    IReadOnlyList<string> OtherTrackCodes,
    IReadOnlyList<string> CodesNeedingTrack)
{
    public static ItemMatch Empty { get; } = new([], CriterionSource.None, [], UnitSource.None, [], []);
}

public sealed record LinkMatch(string Url, ItemMatch Match);

// Everything CONTRACT §4 derives from a message's words. Files are in the order they were given.
public sealed record MessageMatch(
    string? TrackId,
    string? PeriodId,
    bool? Late,
    bool PeriodNamedInSubject,
    IReadOnlyList<ItemMatch> Files,
    IReadOnlyList<LinkMatch> Links)
{
    public static MessageMatch None { get; } = new(null, null, null, false, [], []);
}
