namespace EvidenceMailWorker.Receipts;

// Everything a receipt says, already in words; the HTML and text renderers only lay it out.
public sealed record ReceiptModel(
    string Organization,
    string Greeting,
    string? ClusterName,
    IReadOnlyList<ReceivedMessage> Messages,
    IReadOnlyList<MissingSection> Missing,
    NamingGuide Guide,
    IReadOnlyList<string> OfficeContacts)
{
    // The subject of the batch's last message, for the reply's own subject line (Biên nhận: …).
    public string? LastSubject { get; init; }

    public int FileCount => Messages.Sum(m => m.Files.Count(f => !f.IsArchive));
}

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

public sealed record MissingSection(string Period, string? Track, double Covered, double Required, IReadOnlyList<MissingCriterion> Criteria)
{
    // Criteria some unit has sent for, listed one by one with who still lacks them; and those no unit
    // has sent anything for yet, listed compactly.
    public IReadOnlyList<MissingCriterion> Listed => Criteria.Where(c => !c.NoUnitYet).ToList();
    public IReadOnlyList<MissingCriterion> NoneYet => Criteria.Where(c => c.NoUnitYet).ToList();

    // Points as the templates print them (7,5).
    public string CoveredText => ReceiptNumbers.Points(Covered);
    public string RequiredText => ReceiptNumbers.Points(Required);
}

// NoUnitYet: no unit of the cluster has sent anything for it (listed compactly, not unit by unit).
public sealed record MissingCriterion(string Code, string Name, string Lacking, bool NoUnitYet);

public sealed record NamingGuide(string FileExample, string UnitFileExample, string FolderExample, string SubjectExample);

// What the notice to an unregistered address says (templates notice.*.liquid).
public sealed record NoticeModel(string Organization, string Sender, string Subject, string Office);
