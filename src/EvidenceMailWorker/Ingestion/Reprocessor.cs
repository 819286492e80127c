using System.Security.Cryptography;
using System.Text;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

public sealed record ReprocessSummary(int Messages, int Changed, int Failed);

// `reprocess`: every stored message through the ingestion pipeline's processing again, from its
// raw blob, against the current configuration, so a config edit (an alias, a code, a deadline)
// reaches old submissions without new mail. Idempotent: a second run with the same config changes nothing.
public sealed class Reprocessor(Database database, IngestionPipeline pipeline, SubmissionQueries queries,
    Func<IngestionSettings> settings)
{
    // progress hears (done, total) after each message, for the terminal.
    public async Task<ReprocessSummary> RunAsync(CancellationToken cancellationToken, Action<int, int>? progress = null)
    {
        var before = await FactsAsync(cancellationToken);
        var messages = await new StoredMessages(database).ListAllAsync(cancellationToken);
        var current = settings(); // one configuration version for the whole run
        var failed = 0;
        var done = 0;
        // Messages are independent: a few at a time, as an import does, so both cores work.
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = MailFileImporter.Workers, CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                if (await pipeline.ReprocessAsync(message, current, ct) is { Status: Core.MessageStatus.Failed })
                    Interlocked.Increment(ref failed);
                progress?.Invoke(Interlocked.Increment(ref done), messages.Count);
            });
        var after = await FactsAsync(cancellationToken);
        var changed = after.Count(a => !before.TryGetValue(a.Key, out var b) || b != a.Value);
        return new ReprocessSummary(messages.Count, changed, failed);
    }

    // What a user can see of each submission in `submissions --json`, as one comparable hash (read
    // streaming: 100,000 messages cost 100,000 small hashes, not their records).
    private async Task<Dictionary<long, Guid>> FactsAsync(CancellationToken cancellationToken)
    {
        var facts = new Dictionary<long, Guid>();
        await foreach (var s in queries.StreamAsync(new SubmissionFilter(), cancellationToken))
            facts[s.Id] = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|',
                s.Status, s.Reason, s.Cluster, s.Unit, s.OriginalFrom, s.Track, s.Period, s.Late,
                string.Join(';', s.Attachments.Select(a => $"{a.Sha256}:{string.Join(',', a.Criteria)}:{string.Join(',', a.Units)}")),
                string.Join(';', s.Links.Select(l => $"{l.Url}:{string.Join(',', l.Criteria)}:{string.Join(',', l.Units)}"))))).AsSpan(0, 16));
        return facts;
    }
}
