using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace EvidenceMailWorker.Hosting;

// Puts the receipt and outbox passes on the Quartz scheduler of `run`: stores their jobs and poll
// triggers, asks for a first pass at start, and turns each in-process wake-up (a verdict owing an
// answer, or mail enqueued, has just committed) into a "now" trigger, so the answer leaves at once.
public sealed class DueWorkService(ISchedulerFactory schedulers, ReceiptSignal receipts, OutboxSignal outbox, TimeProvider clock, ILogger<DueWorkService> logger)
    : BackgroundService
{
    private static readonly JobKey ReceiptJob = new(nameof(ReceiptPassJob), DueWorkJob.Group);
    private static readonly TimeSpan CoalesceFor = TimeSpan.FromMilliseconds(200);
    private static readonly JobKey OutboxJob = new(nameof(OutboxPassJob), DueWorkJob.Group);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var detail in new[] { Detail<ReceiptPassJob>(ReceiptJob), Detail<OutboxPassJob>(OutboxJob) })
        {
            if (!await scheduler.Exists(detail.Key, cancellationToken))
            {
                try
                {
                    await scheduler.AddJob(detail, new AddJobOptions { Replace = false }, cancellationToken);
                }
                catch (ObjectAlreadyExistsException)
                {
                    // Another process of the cluster stored it first.
                }
            }
            // Replaced, not kept: a trigger the shared store left in error (or paused) would otherwise
            // count as pending for ever.
            await scheduler.ScheduleTrigger(DueWorkTriggers.Poll(detail.Key), TriggerConflict.Replace, cancellationToken);
            await scheduler.ScheduleTrigger(DueWorkTriggers.Now(detail.Key), TriggerConflict.Replace, cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ForwardAsync(receipts.Wakeup, ReceiptJob, stoppingToken), ForwardAsync(outbox.Wakeup, OutboxJob, stoppingToken));

    private static IJobDetail Detail<T>(JobKey key) where T : IJob => JobBuilder.Create<T>().WithIdentity(key).StoreDurably().Build();

    private async Task ForwardAsync(Wakeup wakeup, JobKey job, CancellationToken stoppingToken)
    {
        var scheduler = await schedulers.GetScheduler(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await wakeup.WaitAsync(Timeout.InfiniteTimeSpan, clock, stoppingToken);
                await scheduler.ScheduleTrigger(DueWorkTriggers.Now(job), TriggerConflict.Keep, stoppingToken);
                // A backlog commits many messages a second; each request is a locked transaction in a
                // shared store, so wake-ups are forwarded at most every CoalesceFor (a pulse meanwhile
                // is remembered and forwarded after it).
                await Task.Delay(CoalesceFor, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SchedulerException) when (scheduler.Status is SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown)
            {
                return; // the host is stopping and Quartz stopped first
            }
            catch (Exception e)
            {
                // The store is unreachable (the database is down): the poll trigger takes the work up later.
                logger.LogWarning("{Job} could not be woken ({Error}); its next poll takes the work", job.Name, e.Message);
            }
        }
    }
}
