using EvidenceMailWorker.Outbound;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Receipts;

// The `run` worker's receipt loop: woken when a verdict owing an answer commits, or when the next
// sender's quiet period ends.
public sealed class ReceiptSchedulerService(ReceiptScheduler scheduler, ReceiptSignal signal, TimeProvider clock, ILogger<ReceiptSchedulerService> logger)
    : DueWorkLoop(signal.Wakeup, clock, logger)
{
    protected override string WorkName => "Receipt";

    protected override Task RunPassAsync(CancellationToken cancellationToken) => scheduler.RunDueAsync(cancellationToken);

    protected override Task<TimeSpan?> UntilNextDueAsync(CancellationToken cancellationToken) => scheduler.UntilNextDueAsync(cancellationToken);
}
