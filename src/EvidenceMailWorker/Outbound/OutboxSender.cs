using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Outbound;

public sealed record SendPassResult(int Sent, int Failed, int Dead);

// One delivery pass over the due outbox rows. A failure never throws out of the pass: it is written
// to the row with the moment of the next try, so each row carries its own back-off.
public sealed class OutboxSender(OutboxStore store, IMailTransport transport, TimeProvider clock, ILogger<OutboxSender> logger)
{
    private const int BatchSize = 50;

    public async Task<SendPassResult> SendDueAsync(CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0, dead = 0;
        foreach (var id in await store.DueAsync(clock.GetUtcNow().UtcDateTime, BatchSize, cancellationToken))
        {
            var item = await store.ClaimAsync(id, clock.GetUtcNow().UtcDateTime, BackoffSchedule.Lease, cancellationToken);
            if (item is null)
                continue;
            try
            {
                await transport.SendAsync(item, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var isDead = BackoffSchedule.IsDead(item.Attempts);
                var next = now + BackoffSchedule.After(item.Attempts);
                await store.MarkFailedAsync(item.Id, $"{e.GetType().Name}: {e.Message}", next, isDead, now, cancellationToken);
                if (isDead)
                {
                    dead++;
                    logger.LogError(e, "Outbox {Id} ({Purpose} {MessageId}) given up after {Attempts} attempts", item.Id, item.Purpose, item.MessageId, item.Attempts);
                }
                else
                {
                    failed++;
                    logger.LogWarning("Outbox {Id} ({Purpose}) not delivered (attempt {Attempts}), next try at {Next:u}: {Error}",
                        item.Id, item.Purpose, item.Attempts, next, e.Message);
                }
                continue;
            }
            // A crash right here resends the same bytes after the lease: the receiver sees one Message-ID twice, never two messages.
            await store.MarkSentAsync(item.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
            sent++;
            logger.LogInformation("Outbox {Id} ({Purpose}) sent to {Recipients}", item.Id, item.Purpose, string.Join(", ", item.Recipients));
        }
        return new SendPassResult(sent, failed, dead);
    }

    // How long the background loop may sleep before the next row is due (capped by its poll).
    public async Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        var next = await store.NextAttemptAsync(cancellationToken);
        if (next is null)
            return null;
        var wait = next.Value - clock.GetUtcNow().UtcDateTime;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
