using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

public sealed record ReprocessSummary(int Messages, int Changed, int Failed);

// `reprocess`: every stored message through the ingestion pipeline's processing again, from its
// raw blob, against the current configuration, so a config edit (an alias, a code, a deadline)
// reaches old submissions without new mail. Idempotent: a second run with the same config changes nothing.
public sealed class Reprocessor(Database database, IngestionPipeline pipeline, SubmissionQueries queries,
    Func<IngestionSettings> settings)
{
    public async Task<ReprocessSummary> RunAsync(CancellationToken cancellationToken)
    {
        var before = await FactsAsync(cancellationToken);
        var messages = await new StoredMessages(database).ListAllAsync(cancellationToken);
        var current = settings(); // one configuration version for the whole run
        var failed = 0;
        foreach (var message in messages)
            if (await pipeline.ReprocessAsync(message, current, cancellationToken) is { Status: Core.MessageStatus.Failed })
                failed++;
        var after = await FactsAsync(cancellationToken);
        var changed = after.Count(a => !before.TryGetValue(a.Key, out var b) || b != a.Value);
        return new ReprocessSummary(messages.Count, changed, failed);
    }

    // What a user can see of each submission in `submissions --json`, as one comparable string.
    private async Task<Dictionary<long, string>> FactsAsync(CancellationToken cancellationToken) =>
        (await queries.ListAsync(new SubmissionFilter(), cancellationToken)).ToDictionary(s => s.Id, s => string.Join('|',
            s.Status, s.Reason, s.Cluster, s.Unit, s.OriginalFrom, s.Track, s.Period, s.Late,
            string.Join(';', s.Attachments.Select(a => $"{a.Sha256}:{string.Join(',', a.Criteria)}:{string.Join(',', a.Units)}")),
            string.Join(';', s.Links.Select(l => $"{l.Url}:{string.Join(',', l.Criteria)}:{string.Join(',', l.Units)}"))));
}
