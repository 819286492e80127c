using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion;

public sealed record ReprocessSummary(int Messages, int Changed, int Failed);

// `reprocess`: every stored message through MessageProcessor again, from its raw blob, against the
// current configuration, so a config edit (an alias, a code, a deadline) reaches old submissions
// without new mail. Idempotent: a second run with the same config changes nothing.
public sealed class Reprocessor(Database database, ArchiveStore store, SubmissionQueries queries, MessageDecomposer decomposer,
    Func<IngestionSettings> settings, ILogger<Reprocessor> logger)
{
    public async Task<ReprocessSummary> RunAsync(CancellationToken cancellationToken)
    {
        var before = await FactsAsync(cancellationToken);
        var messages = await new StoredMessages(database).ListAllAsync(cancellationToken);
        var current = settings(); // one configuration version for the whole run
        var failed = 0;
        foreach (var message in messages)
        {
            using var spool = new FileSpool(current.SpoolFolder);
            var raw = await LoadRawAsync(message, spool, current.SpoolFolder, cancellationToken);
            if (raw is null)
            {
                logger.LogError("Message {Id}: raw blob {Sha} is missing; cannot reprocess", message.Id, message.RawSha256);
                continue;
            }
            try
            {
                var verdict = await MessageProcessor.ProcessAsync(raw, spool, current, decomposer,
                    new DateTimeOffset(message.ReceivedAtUtc, TimeSpan.Zero), cancellationToken);
                await store.CompleteAsync(message.Id, verdict, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Same as a first ingest: kept as failed, and the next pass retries it.
                logger.LogError(e, "Message {Id}: reprocessing failed; marked failed", message.Id);
                await store.MarkFailedAsync(message.Id, $"{e.GetType().Name}: {e.Message}", cancellationToken);
                failed++;
            }
        }
        var after = await FactsAsync(cancellationToken);
        var changed = after.Count(a => !before.TryGetValue(a.Key, out var b) || b != a.Value);
        return new ReprocessSummary(messages.Count, changed, failed);
    }

    // Streams the blob to a temp file and through the spool (for its hash), never whole in memory;
    // the same steps as IngestionPipeline.RetryFailedAsync.
    private async Task<SpooledFile?> LoadRawAsync(PendingMessage message, FileSpool spool, string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, $"reprocess-{message.Id}-{Guid.NewGuid():N}");
        try
        {
            await using (var file = File.Create(path))
            {
                if (!await store.CopyBlobToAsync(message.RawSha256, file, cancellationToken))
                    return null;
            }
            await using var input = File.OpenRead(path);
            return await spool.SpoolAsync(input, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // What a user can see of each submission in `submissions --json`, as one comparable string.
    private async Task<Dictionary<long, string>> FactsAsync(CancellationToken cancellationToken) =>
        (await queries.ListAsync(new SubmissionFilter(), cancellationToken)).ToDictionary(s => s.Id, s => string.Join('|',
            s.Status, s.Reason, s.Cluster, s.Unit, s.OriginalFrom, s.Track, s.Period, s.Late,
            string.Join(';', s.Attachments.Select(a => $"{a.Sha256}:{string.Join(',', a.Criteria)}:{string.Join(',', a.Units)}")),
            string.Join(';', s.Links.Select(l => $"{l.Url}:{string.Join(',', l.Criteria)}:{string.Join(',', l.Units)}"))));
}
