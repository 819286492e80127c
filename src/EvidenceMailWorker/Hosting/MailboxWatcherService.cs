using EvidenceMailWorker.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Hosting;

// `run`: the configured mailbox source, watched until the host stops. A message being processed
// when the stop comes is abandoned mid-way; its raw commit (if any) is retried on the next start.
public sealed class MailboxWatcherService(IMailboxSource source, WorkerStartTime started, ILogger<MailboxWatcherService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Worker started at {StartedAt:O}; mail received before then gets no receipt", started.StartedAt);
        try
        {
            await source.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
