using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion;

// The single path every inbound message takes, whatever its source (file, mbox, IMAP):
// spool → store raw (commit) → process → store verdict (commit). Only the first step can lose
// nothing because nothing has happened yet; every later failure leaves a `failed` row to retry.
public sealed class IngestionPipeline(ArchiveStore store, ProcessingClaims claims, MessageDecomposer decomposer, Func<IngestionSettings> settings, TimeProvider clock, ILogger<IngestionPipeline> logger)
{
    public Task<IngestResult> IngestAsync(Stream rawSource, string source, DateTimeOffset? serverInternalDate, CancellationToken cancellationToken) =>
        IngestAsync(rawSource, source, serverInternalDate, null, cancellationToken);

    // position: the message's place in a watched IMAP folder, checkpointed with the raw commit.
    public async Task<IngestResult> IngestAsync(Stream rawSource, string source, DateTimeOffset? serverInternalDate, MailboxPosition? position, CancellationToken cancellationToken)
    {
        using var spooled = await SpoolAsync(rawSource, cancellationToken);
        return await IngestSpooledAsync(spooled, source, serverInternalDate, cancellationToken, position);
    }

    // Step one alone: copies the message out of its source (hashing it on the way) so that the
    // source can move on, e.g. to the next message of an mbox, while this one is processed.
    public async Task<SpooledMessage> SpoolAsync(Stream rawSource, CancellationToken cancellationToken)
    {
        var current = settings();
        var spool = new FileSpool(current.SpoolFolder);
        try
        {
            using var bodyHasher = new BodyHasher();
            var raw = await spool.SpoolAsync(rawSource, cancellationToken, observer: bodyHasher.Append);
            return new SpooledMessage(spool, raw, bodyHasher.Finish(), current);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    // A message that already is a file (an .eml being imported) is read where it lies instead of
    // being copied first: one read for both hashes, no second copy on disk.
    public Task<SpooledMessage> AdoptFileAsync(string path, CancellationToken cancellationToken) =>
        AdoptFileAsync(path, new FileSpool(settings().SpoolFolder), cancellationToken);

    // The same for a file already inside spool (an IMAP message MailKit has just written there):
    // the SpooledMessage takes the spool over, and disposing it deletes the file.
    public async Task<SpooledMessage> AdoptFileAsync(string path, FileSpool spool, CancellationToken cancellationToken)
    {
        var current = settings();
        try
        {
            using var bodyHasher = new BodyHasher();
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            long size = 0;
            // Read synchronously: a local file, and an asynchronous read is a thread hop each (MailParsing).
            using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                var buffer = new byte[1 << 17];
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    hash.AppendData(buffer, 0, read);
                    bodyHasher.Append(buffer.AsSpan(0, read));
                    size += read;
                }
            }
            var raw = new SpooledFile(path, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
            return new SpooledMessage(spool, raw, bodyHasher.Finish(), current);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    // A file already in spool whose hashes were taken as it was written (an IMAP body, SpoolFileStream).
    public SpooledMessage Adopt(FileSpool spool, SpooledFile raw, byte[] bodySha256) => new(spool, raw, bodySha256, settings());

    public async Task<IngestResult> IngestSpooledAsync(SpooledMessage message, string source, DateTimeOffset? serverInternalDate, CancellationToken cancellationToken, MailboxPosition? position = null)
    {
        var stored = await StoreSpooledAsync(message, source, serverInternalDate, cancellationToken, position);
        return stored.Duplicate ? stored.Result : await ProcessStoredAsync(stored, message, cancellationToken);
    }

    // The raw commit alone (with the mailbox checkpoint when given). A source that must keep its
    // order, like an IMAP sweep, calls this in order and may process the stored messages in parallel.
    public async Task<StoredRaw> StoreSpooledAsync(SpooledMessage message, string source, DateTimeOffset? serverInternalDate, CancellationToken cancellationToken, MailboxPosition? position = null)
    {
        var raw = message.Raw;
        var facts = await HeaderFacts.ReadAsync(raw, cancellationToken);
        var receivedAt = ReceivedTime.Determine(facts.Headers, serverInternalDate, clock.GetUtcNow());

        var stored = await store.StoreRawAsync(
            new RawMessage(facts.ContentKeyFor(message.BodySha256, raw.Sha256), facts.MessageId, raw, source, receivedAt.UtcDateTime, facts.FromAddress, facts.FromName, facts.Subject),
            position, cancellationToken);
        return new StoredRaw(new IngestResult(stored.Id, stored.Duplicate, stored.Status, null), receivedAt);
    }

    public async Task<IngestResult> ProcessStoredAsync(StoredRaw stored, SpooledMessage message, CancellationToken cancellationToken) =>
        await ProcessStoredAsync(stored.Result.MessageId, null, message.Raw, message.Spool, message.Settings, stored.ReceivedAt, cancellationToken)
        ?? stored.Result; // another process took it over (this one's lease lapsed): its verdict is theirs to store

    // Re-runs processing for messages a crash or a bug left `failed`, from their stored raw bytes.
    public async Task<IReadOnlyList<IngestResult>> RetryFailedAsync(CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>();
        foreach (var (pending, owner) in await claims.ListRetryableAsync(cancellationToken))
        {
            var current = settings();
            using var spool = new FileSpool(current.SpoolFolder);
            if (await LoadRawAsync(pending, spool, cancellationToken) is not { } raw)
                continue;
            logger.LogInformation("Retrying message {Id} (attempt {Attempt} of {Max})", pending.Id, pending.Attempts + 1, ProcessingClaims.MaxAttempts);
            if (await ProcessStoredAsync(pending.Id, owner, raw, spool, current, new DateTimeOffset(pending.ReceivedAtUtc, TimeSpan.Zero), cancellationToken) is { } result)
                results.Add(result);
        }
        return results;
    }

    // `reprocess`: one stored message through the same steps again, against `current` (after a config
    // edit). A verdict in progress elsewhere is left to its process; no attempt is counted (nothing
    // new arrived). Null when skipped.
    public async Task<IngestResult?> ReprocessAsync(PendingMessage message, IngestionSettings current, CancellationToken cancellationToken)
    {
        if (await claims.IsLeasedElsewhereAsync(message.Id, cancellationToken))
        {
            logger.LogInformation("Message {Id} is being processed by another worker; left to it", message.Id);
            return null;
        }
        using var spool = new FileSpool(current.SpoolFolder);
        if (await LoadRawAsync(message, spool, cancellationToken) is not { } raw)
            return null;
        try
        {
            var verdict = await MessageProcessor.ProcessAsync(raw, spool, current, decomposer, new DateTimeOffset(message.ReceivedAtUtc, TimeSpan.Zero), cancellationToken);
            await store.CompleteAsync(message.Id, verdict, cancellationToken);
            return new IngestResult(message.Id, Duplicate: false, verdict.Status, verdict.Reason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Message {Id}: reprocessing failed; marked failed", message.Id);
            await store.MarkFailedAsync(message.Id, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            return new IngestResult(message.Id, Duplicate: false, MessageStatus.Failed, Reasons.Error);
        }
    }

    // The stored raw bytes back into a spool file. Null when the blob is missing.
    private async Task<SpooledFile?> LoadRawAsync(PendingMessage message, FileSpool spool, CancellationToken cancellationToken)
    {
        var raw = await StoredRawFile.LoadAsync(store, message.RawSha256, spool, cancellationToken);
        if (raw is null)
            logger.LogError("Message {Id}: raw blob {Sha} is missing; cannot process it again", message.Id, message.RawSha256);
        return raw;
    }

    // Null when the message was not this process's to work on (claimed by another meanwhile).
    private async Task<IngestResult?> ProcessStoredAsync(long id, string? seenOwner, SpooledFile raw, FileSpool spool, IngestionSettings current, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // The attempt is counted before any parsing runs: a message that kills the process still uses one up.
        if (await claims.ClaimAsync(id, seenOwner, cancellationToken) is not { } attempt)
            return null;
        using var renewing = new CancellationTokenSource();
        var renewal = RenewLeaseAsync(id, renewing.Token);
        MessageVerdict verdict;
        try
        {
            verdict = await MessageProcessor.ProcessAsync(raw, spool, current, decomposer, receivedAt, cancellationToken);
        }
        // A full disk is not the message's fault: its row stays `failed` (leased to a process that is
        // about to stop), the caller stops, and the next pass takes it again.
        catch (Exception e) when (e is not OperationCanceledException && !DatabaseFaults.IsDiskFull(e))
        {
            var error = $"{e.GetType().Name}: {e.Message}";
            var last = attempt >= ProcessingClaims.MaxAttempts;
            logger.LogError(e, last ? "Message {Id}: processing failed for the last time; kept raw as failed" : "Message {Id}: processing failed; kept raw as failed and retried later", id);
            await store.MarkFailedAsync(id, last ? ProcessingClaims.GaveUp(attempt, error) : error, cancellationToken);
            return new IngestResult(id, Duplicate: false, MessageStatus.Failed, Reasons.Error);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
        await store.CompleteAsync(id, verdict, cancellationToken);
        return new IngestResult(id, Duplicate: false, verdict.Status, verdict.Reason);
    }

    private async Task RenewLeaseAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ProcessingClaims.Lease / 3, clock, cancellationToken);
                await claims.RenewAsync(id, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // The lease lapses and another process may take the message over; the verdict is stored once either way (CompleteAsync replaces).
            logger.LogWarning("Message {Id}: could not renew its processing lease: {Error}", id, e.Message);
        }
    }
}
