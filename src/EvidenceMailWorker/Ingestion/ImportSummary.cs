namespace EvidenceMailWorker.Ingestion;

// The counts `import --json` prints (CONTRACT §3), plus the files that could not be read at all.
public sealed class ImportSummary
{
    public int Messages { get; set; }
    public int Imported => Accepted + Quarantined + Ignored + Failed;
    public int Accepted { get; set; }
    public int Quarantined { get; set; }
    public int Ignored { get; set; }
    public int Failed { get; set; }
    public int Duplicates { get; set; }
    public long Bytes { get; set; }
    public List<string> UnreadableFiles { get; } = [];

    private readonly Lock _gate = new();

    // Called from several import workers at once.
    public void Count(IngestResult result, long bytes)
    {
        lock (_gate)
            CountLocked(result, bytes);
    }

    public void Unreadable(string description)
    {
        lock (_gate)
            UnreadableFiles.Add(description);
    }

    private void CountLocked(IngestResult result, long bytes)
    {
        Messages++;
        Bytes += bytes;
        if (result.Duplicate)
        {
            Duplicates++;
            return;
        }
        switch (result.Status)
        {
            case Core.MessageStatus.Accepted: Accepted++; break;
            case Core.MessageStatus.Quarantined: Quarantined++; break;
            case Core.MessageStatus.Ignored: Ignored++; break;
            default: Failed++; break;
        }
    }
}
