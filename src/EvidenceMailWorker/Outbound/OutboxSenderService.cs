using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Outbound;

// The `run` worker's delivery loop: woken when a row is enqueued, or when the next retry falls due.
public sealed class OutboxSenderService(OutboxSender sender, OutboxSignal signal, TimeProvider clock, ILogger<OutboxSenderService> logger)
    : DueWorkLoop(signal.Wakeup, clock, logger)
{
    protected override string WorkName => "Outbox";

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var result = await sender.SendDueAsync(cancellationToken);
        if (result.Sent + result.Failed + result.Dead > 0)
            logger.LogDebug("Outbox pass: {Sent} sent, {Failed} to retry, {Dead} given up", result.Sent, result.Failed, result.Dead);
    }

    protected override Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken) => sender.UntilNextDueAsync(cancellationToken);
}
