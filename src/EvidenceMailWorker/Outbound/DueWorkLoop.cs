using EvidenceMailWorker.Outbound;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Outbound;

// A `run` loop over work that falls due: a pass when woken (new work committed), when the next
// item falls due, or every Poll (another worker instance may have added work). A failed pass waits
// a Poll: never a tight loop.
public abstract class DueWorkLoop(Wakeup wakeup, TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(200);

    protected abstract string WorkName { get; }

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected abstract Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Poll;
            try
            {
                await RunPassAsync(stoppingToken);
                if (await UntilNextDueAsync(stoppingToken) is { } untilNext && untilNext < Poll)
                    wait = untilNext < MinimumWait ? MinimumWait : untilNext;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Work} pass failed; trying again in {Poll}", WorkName, Poll);
            }
            try
            {
                await wakeup.WaitAsync(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
