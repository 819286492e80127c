using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion;

// `import PATH...`: .eml files, folders (recursive) and mbox files, through the one pipeline.
// Messages are processed a few at a time: parsing and hashing use one core each, and the database
// serialises only the short commits.
public sealed class MailFileImporter(IngestionPipeline pipeline, ILogger<MailFileImporter> logger)
{
    // In folders only these are read (a Takeout export also holds JSON and HTML files); a file named
    // on the command line is read whatever its extension.
    // (.msg: mail text under that name is read; an Outlook file is reported, see MailFileKind.)
    internal static readonly string[] FolderExtensions = [".eml", ".mbox", ".mbx", ".txt", ".msg"];

    public static int Workers { get; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    public async Task<ImportSummary> ImportAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary();
        // Messages an earlier run left half-processed are finished first, so one pass leaves none behind.
        foreach (var retried in await pipeline.RetryFailedAsync(cancellationToken))
            logger.LogInformation("Retried message {Id}: {Status}", retried.MessageId, retried.Status);

        var files = new List<string>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => FolderExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            else if (File.Exists(path) && named.Add(path))
                files.Add(path);
            else
                summary.Unreadable($"{path}: no such file or folder");
        }

        var eml = files.Where(f => !MboxReader.LooksLikeMbox(f)).ToList();
        await Parallel.ForEachAsync(eml, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = cancellationToken },
            async (file, ct) => await ImportFileAsync(file, summary, ct, foundInFolder: !named.Contains(file)));
        foreach (var mbox in files.Except(eml))
            await ImportFileAsync(mbox, summary, cancellationToken, foundInFolder: !named.Contains(mbox));
        return summary;
    }

    // foundInFolder: a `.txt` without mail headers is refused (a note, not mail); a file named on the
    // command line is read whatever it looks like.
    public async Task ImportFileAsync(string path, ImportSummary summary, CancellationToken cancellationToken, bool foundInFolder = true)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (await MailFileKind.RefusalAsync(full, foundInFolder, cancellationToken) is { } refusal)
            {
                logger.LogWarning("Not read {Path}: {Reason}", full, refusal);
                summary.Unreadable($"{full}: {refusal}");
                return;
            }
            if (MboxReader.LooksLikeMbox(full))
            {
                await ImportMboxAsync(full, summary, cancellationToken);
            }
            else
            {
                using var adopted = await pipeline.AdoptFileAsync(full, cancellationToken);
                var result = await pipeline.IngestSpooledAsync(adopted, $"import:{full}", null, cancellationToken);
                summary.Count(result, adopted.Raw.Size);
            }
        }
        // A full disk is no fault of the file: it stops the whole import (VerbInvocation says so).
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException && !Storage.DatabaseFaults.IsDiskFull(e))
        {
            logger.LogError("Could not read {Path}: {Error}", full, e.Message);
            summary.Unreadable($"{full}: {e.Message}");
        }
    }

    // The mbox is read in order by one reader that also makes the raw commits; the verdicts are
    // worked out by a few workers while the reader moves on.
    private async Task ImportMboxAsync(string path, ImportSummary summary, CancellationToken cancellationToken)
    {
        await using var processing = new ParallelProcessing(pipeline, logger);
        await MboxReader.ReadAsync(path, async (stream, index) =>
        {
            var spooled = await pipeline.SpoolAsync(stream, cancellationToken);
            StoredRaw stored;
            try
            {
                stored = await pipeline.StoreSpooledAsync(spooled, $"import:{path}#{index}", null, cancellationToken);
            }
            catch
            {
                spooled.Dispose();
                throw;
            }
            var size = spooled.Raw.Size;
            if (stored.Duplicate)
            {
                spooled.Dispose();
                summary.Count(stored.Result, size);
                return;
            }
            await processing.StartAsync(stored, spooled, cancellationToken, result => summary.Count(result, size));
        }, cancellationToken);
        await processing.DrainAsync();
    }
}
