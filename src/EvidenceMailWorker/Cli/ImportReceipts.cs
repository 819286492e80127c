using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `import --send-receipts` and `ingest --once`: after the pass, answers go out now (import: every
// batch, nothing more is coming; ingest: batches whose sender has been quiet, the rest next time)
// and one delivery pass runs. What cannot be delivered stays in the outbox for a later pass.
public static class ImportReceipts
{
    public static async Task SendAsync(IServiceProvider services, CancellationToken cancellationToken, bool ignoreQuiet = true)
    {
        var queued = await services.GetRequiredService<ReceiptScheduler>().RunDueAsync(cancellationToken, ignoreQuiet);
        var delivery = await services.GetRequiredService<OutboxSender>().SendDueAsync(cancellationToken);
        await Console.Error.WriteLineAsync(
            $"receipts: {queued} queued, {delivery.Sent} sent, {delivery.Failed + delivery.Dead} not delivered yet (kept in the outbox)");
    }
}
