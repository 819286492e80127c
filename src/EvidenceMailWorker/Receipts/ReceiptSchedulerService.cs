using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Receipts;

// The `run` worker's receipt loop: a pass when a verdict owing an answer commits, when the next
// quiet period ends, or every Poll (another worker instance may have recorded one).
public sealed class ReceiptSchedulerService(ReceiptScheduler scheduler, ReceiptSignal signal, TimeProvider clock, ILogger<ReceiptSchedulerService> logger) : BackgroundService
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
                await scheduler.RunDueAsync(stoppingToken);
                if (await scheduler.UntilNextDueAsync(stoppingToken) is { } untilNext && untilNext < Poll)
                    wait = untilNext < MinimumWait ? MinimumWait : untilNext;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Receipt pass failed; trying again in {Poll}", Poll);
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
