using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion;

// `import PATH...`: .eml files, folders (recursive) and mbox files, through the one pipeline.
public sealed class MailFileImporter(IngestionPipeline pipeline, ILogger<MailFileImporter> logger)
{
    // In folders only these are read (a Takeout export also holds JSON and HTML files); a file named
    // on the command line is read whatever its extension.
    internal static readonly string[] FolderExtensions = [".eml", ".mbox", ".mbx", ".txt"];

    public async Task<ImportSummary> ImportAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary();
        // Messages an earlier run left half-processed are finished first, so one pass leaves none behind.
        foreach (var retried in await pipeline.RetryFailedAsync(cancellationToken))
            logger.LogInformation("Retried message {Id}: {Status}", retried.MessageId, retried.Status);

        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => FolderExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                    await ImportFileAsync(file, summary, cancellationToken);
            }
            else if (File.Exists(path))
            {
                await ImportFileAsync(path, summary, cancellationToken);
            }
            else
            {
                summary.UnreadableFiles.Add($"{path}: no such file or folder");
            }
        }
        return summary;
    }

    public async Task ImportFileAsync(string path, ImportSummary summary, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (MboxReader.LooksLikeMbox(full))
            {
                await MboxReader.ReadAsync(full, async (stream, index) =>
                {
                    var result = await pipeline.IngestAsync(stream, $"import:{full}#{index}", null, cancellationToken);
                    summary.Count(result);
                    summary.Bytes += stream.Length;
                }, cancellationToken);
            }
            else
            {
                await using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                summary.Bytes += stream.Length;
                summary.Count(await pipeline.IngestAsync(stream, $"import:{full}", null, cancellationToken));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            logger.LogError("Could not read {Path}: {Error}", full, e.Message);
            summary.UnreadableFiles.Add($"{full}: {e.Message}");
        }
    }
}
