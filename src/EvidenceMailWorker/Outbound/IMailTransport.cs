namespace EvidenceMailWorker.Outbound;

// Hands one stored email to the outside world. Throwing means "not delivered, try later".
public interface IMailTransport
{
    Task SendAsync(OutboxItem item, CancellationToken cancellationToken);
}
