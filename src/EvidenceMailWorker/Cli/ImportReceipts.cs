using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `import --send-receipts`: once the files are in, nothing more is coming, so every batch is
// answered now (no quiet period) and one delivery pass runs. What cannot be delivered stays in
// the outbox for the `run` worker to retry.
public static class ImportReceipts
{
    public static async Task SendAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queued = await services.GetRequiredService<ReceiptScheduler>().RunDueAsync(cancellationToken, ignoreQuiet: true);
        var delivery = await services.GetRequiredService<OutboxSender>().SendDueAsync(cancellationToken);
        await Console.Error.WriteLineAsync(
            $"receipts: {queued} queued, {delivery.Sent} sent, {delivery.Failed + delivery.Dead} not delivered yet (kept in the outbox)");
    }
}
