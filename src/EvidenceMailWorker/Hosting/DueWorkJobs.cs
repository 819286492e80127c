using System.Collections.Concurrent;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using Microsoft.Extensions.Logging;
using Quartz;

namespace EvidenceMailWorker.Hosting;

// A pass over work that falls due (receipts whose sender has gone quiet, outbox rows whose attempt
// is due), run by the one Quartz scheduler of `run`. What is due is read from the database and
// claimed row by row, so it does not matter which process of a cluster runs a pass, nor that two
// processes run one at once: no cluster-wide exclusion (one slow or dead process must not hold up the
// others' delivery). Within a process one pass of a kind runs at a time; a wake-up that comes during
// a pass waits for it and then passes again, so nothing committed meanwhile is missed. After a pass the job asks for its next pass at the moment the next item falls due (an earlier
// request wins); DueWorkService adds a pass on every in-process wake-up and one every Poll. A failed
// pass is logged and left to the poll: never a tight loop.
public abstract class DueWorkJob(TimeProvider clock, ILogger logger) : IJob
{
    public const string Group = "due-work";
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(200);

    protected abstract string WorkName { get; }

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected abstract Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken);

    private static readonly ConcurrentDictionary<Type, SemaphoreSlim> Gates = new();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(GetType(), _ => new SemaphoreSlim(1, 1));
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            await RunPassAsync(cancellationToken);
            if (await UntilNextDueAsync(cancellationToken) is { } until && until < Poll)
                await context.Scheduler.ScheduleTrigger(DueWorkTriggers.Due(context.JobDetail.Key, clock.GetUtcNow() + (until < MinimumWait ? MinimumWait : until)),
                    TriggerConflict.KeepEarlier, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "{Work} pass failed; trying again in {Poll}", WorkName, Poll);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: rows half-way are claimed under a lease and taken up again after the restart.
        }
        finally
        {
            gate.Release();
        }
    }
}

public sealed class ReceiptPassJob(ReceiptScheduler scheduler, TimeProvider clock, ILogger<ReceiptPassJob> logger) : DueWorkJob(clock, logger)
{
    protected override string WorkName => "Receipt";

    protected override async Task RunPassAsync(CancellationToken cancellationToken) => await scheduler.RunDueAsync(cancellationToken);

    protected override Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken) => scheduler.UntilNextDueAsync(cancellationToken);
}

public sealed class OutboxPassJob(OutboxSender sender, TimeProvider clock, ILogger<OutboxPassJob> logger) : DueWorkJob(clock, logger)
{
    private readonly ILogger _logger = logger;

    protected override string WorkName => "Outbox";

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var result = await sender.SendDueAsync(cancellationToken);
        if (result.Sent + result.Failed + result.Dead > 0)
            _logger.LogDebug("Outbox pass: {Sent} sent, {Failed} to retry, {Dead} given up", result.Sent, result.Failed, result.Dead);
    }

    protected override Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken) => sender.UntilNextDueAsync(cancellationToken);
}
