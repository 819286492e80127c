namespace EvidenceMailWorker.Ingestion;

// Where new mail comes from (Mailbox:Source): an IMAP folder or a folder of files.
public interface IMailboxSource
{
    // `ingest --once`: one full pass, then return. Throws when the pass could not be completed.
    Task RunOnceAsync(CancellationToken cancellationToken);

    // `run`: watch until cancelled, surviving outages by itself.
    Task RunAsync(CancellationToken cancellationToken);
}
