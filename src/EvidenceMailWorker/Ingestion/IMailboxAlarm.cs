namespace EvidenceMailWorker.Ingestion;

// Told when the worker has stopped reading a mailbox and needs a person (e.g. a revoked password).
public interface IMailboxAlarm
{
    Task MailboxStoppedAsync(string account, string reason, CancellationToken cancellationToken);
}
