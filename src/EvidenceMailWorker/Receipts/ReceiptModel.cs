namespace EvidenceMailWorker.Receipts;

// Everything a receipt says, already in words; the HTML and text renderers only lay it out.
public sealed record ReceiptModel(
    string Organization,
    string Greeting,
    string? ClusterName,
    IReadOnlyList<ReceivedMessage> Messages,
    IReadOnlyList<MissingSection> Missing,
    NamingGuide Guide,
    IReadOnlyList<string> OfficeContacts);

public sealed record ReceivedMessage(
    string Subject,
    string ReceivedAt,
    string Period,
    string? Timeliness,
    string? NotCountedBecause,
    IReadOnlyList<ReceivedFile> Files);

// A file or link as received. Unmatched criterion/unit carry the reason instead of a name.
public sealed record ReceivedFile(
    string Name,
    string? Container,
    bool IsArchive,
    int ArchiveEntries,
    IReadOnlyList<string> Criteria,
    string? CriterionProblem,
    IReadOnlyList<string> Units,
    string? UnitProblem);

public sealed record MissingSection(string Period, string? Track, double Covered, double Required, IReadOnlyList<MissingCriterion> Criteria);

// NoUnitYet: no unit of the cluster has sent anything for it (listed compactly, not unit by unit).
public sealed record MissingCriterion(string Code, string Name, string Lacking, bool NoUnitYet);

public sealed record NamingGuide(string FileExample, string UnitFileExample, string FolderExample, string SubjectExample);
