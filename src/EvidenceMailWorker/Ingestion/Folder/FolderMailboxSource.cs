using EvidenceMailWorker.Configuration;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion.Folder;

// Mailbox:Source=Folder. Each .eml/mbox file dropped into the inbox folder is ingested once it is
// completely written, then moved to processed/ (only after the commit), or to failed/ with a
// <name>.error.txt beside it when it cannot be read at all. `run` reacts to file-system events and
// rescans every few seconds anyway (events get lost on network shares and overflowing buffers).
public sealed class FolderMailboxSource(MailFileImporter importer, IngestionPipeline pipeline, ResolvedPaths paths, TimeProvider clock,
    ILogger<FolderMailboxSource> logger) : IMailboxSource
{
    public static readonly TimeSpan Rescan = TimeSpan.FromSeconds(2);
    public const string ProcessedFolder = "processed";
    public const string FailedFolder = "failed";
    private readonly CompletedFileDetector _detector = new(clock);

    public string Inbox => paths.InboxFolder;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Inbox);
        // The first look only records sizes; files are taken once they have settled.
        await PassAsync(cancellationToken);
        await Task.Delay(CompletedFileDetector.Settle + TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        var left = await PassAsync(cancellationToken);
        if (left > 0)
            logger.LogWarning("{Count} file(s) in {Inbox} are still being written; they are taken on the next pass", left, Inbox);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Inbox);
        using var wake = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Inbox) { IncludeSubdirectories = false };
        FileSystemEventHandler onChange = (_, _) => Release(wake);
        watcher.Created += onChange;
        watcher.Changed += onChange;
        watcher.Renamed += (_, _) => Release(wake);
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching folder {Inbox} for .eml and mbox files", Inbox);
        string? pausedBy = null; // a full disk or a database outage: said once, and once when it is over
        var backoff = new Imap.Backoff(Rescan, TimeSpan.FromMinutes(1));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var waiting = await PassAsync(cancellationToken);
                if (pausedBy is not null)
                    logger.LogInformation("Ingestion resumed ({Cause} is over)", pausedBy);
                pausedBy = null;
                backoff.Reset();
                // A file still being written is looked at again once it can have settled.
                var pause = waiting > 0 ? CompletedFileDetector.Settle : Rescan;
                await wake.WaitAsync(pause, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (Storage.DatabaseFaults.IsDiskFull(e) || Storage.DatabaseFaults.IsUnavailable(e))
            {
                var cause = Storage.DatabaseFaults.IsDiskFull(e) ? "the full disk" : "the database outage";
                if (pausedBy is null)
                    logger.LogWarning(Storage.DatabaseFaults.IsDiskFull(e)
                        ? "Disk full ({Error}): ingestion paused, files stay in the inbox and nothing stored is lost; it resumes when space is freed"
                        : "Database unreachable ({Error}): ingestion paused, files stay in the inbox; it resumes when the database is back", e.Message);
                pausedBy = cause;
                try
                {
                    await Task.Delay(backoff.Next(), clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (Exception e)
            {
                logger.LogError(e, "Folder pass over {Inbox} failed; trying again shortly", Inbox);
                try
                {
                    await Task.Delay(Rescan, clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Returns how many files were left because they are still being written.
    private async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        foreach (var retried in await pipeline.RetryFailedAsync(cancellationToken))
            logger.LogInformation("Retried message {Id}: {Status}", retried.MessageId, retried.Status);
        var waiting = 0;
        foreach (var file in Candidates())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_detector.IsComplete(file))
            {
                waiting++;
                continue;
            }
            await IngestFileAsync(file, cancellationToken);
        }
        return waiting;
    }

    private IEnumerable<string> Candidates() =>
        Directory.EnumerateFiles(Inbox, "*", SearchOption.TopDirectoryOnly)
            .Where(f => MailFileImporter.FolderExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private async Task IngestFileAsync(string file, CancellationToken cancellationToken)
    {
        var summary = new ImportSummary();
        await importer.ImportFileAsync(file, summary, cancellationToken);
        if (summary.UnreadableFiles.Count == 0)
        {
            var target = MoveTo(file, ProcessedFolder);
            logger.LogInformation("Ingested {File} ({Messages} message(s), {New} new) → {Target}", Path.GetFileName(file), summary.Messages, summary.Imported, target);
            return;
        }
        var failed = MoveTo(file, FailedFolder);
        await File.WriteAllTextAsync(failed + ".error.txt", string.Join(Environment.NewLine, summary.UnreadableFiles) + Environment.NewLine, cancellationToken);
        logger.LogError("Could not read {File}; moved to {Target} with the reason beside it", Path.GetFileName(file), failed);
    }

    private string MoveTo(string file, string subfolder)
    {
        var folder = Path.Combine(Inbox, subfolder);
        Directory.CreateDirectory(folder);
        var name = Path.GetFileNameWithoutExtension(file);
        var extension = Path.GetExtension(file);
        var target = Path.Combine(folder, name + extension);
        // Never overwrite: the same name dropped twice keeps both files.
        for (var n = 1; File.Exists(target) || File.Exists(target + ".error.txt") || IsLink(target); n++)
            target = Path.Combine(folder, $"{name}.{n}{extension}");
        File.Move(file, target);
        _detector.Forget(file);
        return target;
    }

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Release(SemaphoreSlim wake)
    {
        if (wake.CurrentCount == 0)
            wake.Release();
    }
}
