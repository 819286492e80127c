using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion;

// The single path every inbound message takes, whatever its source (file, mbox, IMAP):
// spool → store raw (commit) → process → store verdict (commit). Only the first step can lose
// nothing because nothing has happened yet; every later failure leaves a `failed` row to retry.
public sealed class IngestionPipeline(ArchiveStore store, MessageDecomposer decomposer, Func<IngestionSettings> settings, TimeProvider clock, ILogger<IngestionPipeline> logger)
{
    public const int MaxAttempts = 5;

    public Task<IngestResult> IngestAsync(Stream rawSource, string source, DateTimeOffset? serverInternalDate, CancellationToken cancellationToken) =>
        IngestAsync(rawSource, source, serverInternalDate, null, cancellationToken);

    // position: the message's place in a watched IMAP folder, checkpointed with the raw commit.
    public async Task<IngestResult> IngestAsync(Stream rawSource, string source, DateTimeOffset? serverInternalDate, MailboxPosition? position, CancellationToken cancellationToken)
    {
        var current = settings();
        using var spool = new FileSpool(current.SpoolFolder);
        var raw = await spool.SpoolAsync(rawSource, cancellationToken);
        var facts = await HeaderFacts.ReadAsync(raw, cancellationToken);
        var receivedAt = ReceivedTime.Determine(facts.Headers, serverInternalDate, clock.GetUtcNow());

        var stored = await store.StoreRawAsync(
            new RawMessage(facts.ContentKeyFor(raw), facts.MessageId, raw, source, receivedAt.UtcDateTime, facts.FromAddress, facts.FromName, facts.Subject),
            position, cancellationToken);
        if (stored.Duplicate)
            return new IngestResult(stored.Id, Duplicate: true, stored.Status, null);

        return await ProcessStoredAsync(stored.Id, raw, spool, current, cancellationToken);
    }

    // Re-runs processing for messages a crash or a bug left `failed`, from their stored raw bytes.
    public async Task<IReadOnlyList<IngestResult>> RetryFailedAsync(CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>();
        foreach (var pending in await store.ListRetryableAsync(MaxAttempts, cancellationToken))
        {
            var current = settings();
            using var spool = new FileSpool(current.SpoolFolder);
            SpooledFile raw;
            // The blob goes to a temp file first (streaming, never whole in memory), then through the spool for its hash.
            var path = Path.Combine(current.SpoolFolder, $"retry-{pending.Id}-{Guid.NewGuid():N}");
            try
            {
                await using (var file = File.Create(path))
                {
                    if (!await store.CopyBlobToAsync(pending.RawSha256, file, cancellationToken))
                    {
                        logger.LogError("Message {Id}: raw blob {Sha} is missing; cannot retry", pending.Id, pending.RawSha256);
                        continue;
                    }
                }
                await using var input = File.OpenRead(path);
                raw = await spool.SpoolAsync(input, cancellationToken);
            }
            finally
            {
                File.Delete(path);
            }
            logger.LogInformation("Retrying message {Id} (attempt {Attempt})", pending.Id, pending.Attempts + 1);
            results.Add(await ProcessStoredAsync(pending.Id, raw, spool, current, cancellationToken));
        }
        return results;
    }

    private async Task<IngestResult> ProcessStoredAsync(long id, SpooledFile raw, FileSpool spool, IngestionSettings current, CancellationToken cancellationToken)
    {
        MessageVerdict verdict;
        try
        {
            verdict = await MessageProcessor.ProcessAsync(raw, spool, current, decomposer, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Message {Id}: processing failed; kept raw as failed and retried on the next pass", id);
            await store.MarkFailedAsync(id, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            return new IngestResult(id, Duplicate: false, MessageStatus.Failed, Reasons.Error);
        }
        await store.CompleteAsync(id, verdict, cancellationToken);
        return new IngestResult(id, Duplicate: false, verdict.Status, verdict.Reason);
    }
}
