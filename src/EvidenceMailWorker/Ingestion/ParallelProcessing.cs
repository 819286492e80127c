using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion;

// Works out the verdicts of raw-committed messages a few at a time while their source moves on.
// A verdict that is cancelled or fails leaves its message `failed`, finished by the next pass; so
// draining never throws for one message, it only waits.
public sealed class ParallelProcessing(IngestionPipeline pipeline, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(MailFileImporter.Workers);
    private readonly List<Task> _running = [];

    // onDone hears the outcome; a verdict that did not finish is reported as `failed`, which is what the row says.
    public async Task StartAsync(StoredRaw stored, SpooledMessage spooled, CancellationToken cancellationToken, Action<IngestResult>? onDone = null)
    {
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        catch
        {
            spooled.Dispose();
            throw;
        }
        _running.RemoveAll(t => t.IsCompleted);
        _running.Add(Task.Run(async () =>
        {
            try
            {
                IngestResult result;
                using (spooled)
                    result = await pipeline.ProcessStoredAsync(stored, spooled, cancellationToken);
                onDone?.Invoke(result);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Message {Id}: verdict not finished; it is retried on the next pass", stored.Result.MessageId);
                onDone?.Invoke(stored.Result with { Status = Core.MessageStatus.Failed, Reason = Core.Reasons.Error });
            }
            finally
            {
                _slots.Release();
            }
        }, CancellationToken.None));
    }

    public Task DrainAsync() => Task.WhenAll(_running);

    public async ValueTask DisposeAsync()
    {
        await DrainAsync();
        _slots.Dispose();
    }
}
