using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Outbound;

// The `run` worker's delivery loop: a pass when woken (new row) or when the next row falls due,
// else every Poll (another worker instance may have enqueued). Errors wait a Poll: never a tight loop.
public sealed class OutboxSenderService(OutboxSender sender, OutboxSignal signal, TimeProvider clock, ILogger<OutboxSenderService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Poll;
            try
            {
                var result = await sender.SendDueAsync(stoppingToken);
                if (result.Sent + result.Failed + result.Dead > 0)
                    logger.LogDebug("Outbox pass: {Sent} sent, {Failed} to retry, {Dead} given up", result.Sent, result.Failed, result.Dead);
                if (await sender.UntilNextDueAsync(stoppingToken) is { } untilNext && untilNext < Poll)
                    wait = untilNext < MinimumWait ? MinimumWait : untilNext;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Outbox pass failed; trying again in {Poll}", Poll);
            }
            try
            {
                await signal.Wakeup.WaitAsync(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
