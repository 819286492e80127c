using EvidenceMailWorker.Ingestion;
using Microsoft.Extensions.Hosting;

namespace EvidenceMailWorker.Hosting;

// `run`: the configured mailbox source, watched until the host stops. A message being processed
// when the stop comes is abandoned mid-way; its raw commit (if any) is retried on the next start.
public sealed class MailboxWatcherService(IMailboxSource source) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await source.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
