using EvidenceMailWorker.Storage;
using MailKit;
using MailKit.Search;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion.Imap;

// One sweep of the open folder: every UID above the checkpoint, oldest first, in bounded pages,
// each message streamed to disk and committed raw with its INTERNALDATE (the checkpoint advancing
// with each raw commit), its verdict worked out by a few workers in parallel. Never sets \Seen (BODY.PEEK), never deletes, moves or expunges.
public sealed class ImapSweeper(IngestionPipeline pipeline, MailboxCheckpoints checkpoints, TimeProvider clock, ILogger<ImapSweeper> logger)
{
    // Bounds one FETCH of summaries (and the UIDs labelled per STORE).
    public const int PageSize = 50;

    public async Task<int> SweepAsync(ImapSession session, CancellationToken cancellationToken)
    {
        var folder = session.Folder;
        var validity = folder.UidValidity;
        var lastUid = await StartingPointAsync(session, validity, cancellationToken);
        // What an interrupted sweep stored but could not label yet.
        await LabelPendingAsync(session, validity, cancellationToken);

        // A UID range n:* always includes the highest UID even when it is below n (RFC 3501 §6.4.8): filter.
        var found = await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(validity, lastUid + 1), UniqueId.MaxValue)), cancellationToken);
        var pending = found.Where(u => u.Id > lastUid).OrderBy(u => u.Id).ToList();
        if (pending.Count == 0)
            return 0;

        var progress = new BacklogProgress(pending.Count, clock, logger);
        await using var processing = new ParallelProcessing(pipeline, logger);
        var items = MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Size;
        if (session.IsGmail)
            items |= MessageSummaryItems.GMailMessageId;
        foreach (var page in pending.Chunk(PageSize))
        {
            var summaries = (await folder.FetchAsync(page, items, cancellationToken)).OrderBy(s => s.UniqueId.Id).ToList();
            try
            {
                foreach (var summary in summaries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await IngestAsync(session, summary, validity, processing, cancellationToken);
                    progress.Add(summary.Size ?? 0);
                }
            }
            finally
            {
                await LabelPendingAsync(session, validity, cancellationToken);
            }
        }
        await processing.DrainAsync();
        progress.Finish();
        return progress.Done;
    }

    private async Task<uint> StartingPointAsync(ImapSession session, uint validity, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.GetAsync(session.Account, session.Folder.FullName, cancellationToken);
        if (checkpoint is not null && checkpoint.UidValidity == validity)
        {
            await checkpoints.RecordContactAsync(session.Account, session.Folder.FullName, null, cancellationToken);
            return checkpoint.LastUid;
        }
        if (checkpoint is not null)
            logger.LogWarning("{Folder} of {Account}: UIDVALIDITY changed from {Old} to {New}; rescanning the whole folder " +
                "(messages already stored are recognised by Message-ID and content and not stored twice)",
                session.Folder.FullName, session.Account, checkpoint.UidValidity, validity);
        await checkpoints.SetAsync(new MailboxPosition(session.Account, session.Folder.FullName, validity, 0), cancellationToken);
        return 0;
    }

    // True when the message is (now or already) in the archive.
    private async Task<bool> IngestAsync(ImapSession session, IMessageSummary summary, uint validity, ParallelProcessing processing, CancellationToken cancellationToken)
    {
        var uid = summary.UniqueId;
        var position = new MailboxPosition(session.Account, session.Folder.FullName, validity, uid.Id, summary.GMailMessageId, Labelled: !string.IsNullOrEmpty(session.Label));
        // Gmail's id survives UIDVALIDITY resets and labels: known mail is not downloaded again.
        if (summary.GMailMessageId is { } gmailId && await checkpoints.HasGmailMessageAsync(gmailId, cancellationToken))
        {
            await checkpoints.SetAsync(position, cancellationToken);
            return true;
        }
        try
        {
            SpooledMessage spooled;
            await using (var raw = await session.Folder.GetStreamAsync(uid, cancellationToken))
                spooled = await pipeline.SpoolAsync(raw, cancellationToken);
            // The raw commits (and the checkpoint with them) stay in UID order; the verdicts are worked
            // out in parallel behind them, so the checkpoint never passes a message that is not stored.
            StoredRaw stored;
            try
            {
                stored = await pipeline.StoreSpooledAsync(spooled, $"imap:{session.Account}/{session.Folder.FullName}#{validity}:{uid.Id}", summary.InternalDate, cancellationToken, position);
            }
            catch
            {
                spooled.Dispose();
                throw;
            }
            logger.LogDebug("UID {Uid}: message {Id} {Outcome}", uid.Id, stored.Result.MessageId, stored.Duplicate ? "already stored" : "stored raw");
            if (stored.Duplicate)
                spooled.Dispose();
            else
                await processing.StartAsync(stored, spooled, cancellationToken);
            return true;
        }
        catch (MessageNotFoundException)
        {
            // Deleted by a person between SEARCH and FETCH: nothing to store.
            logger.LogInformation("UID {Uid} disappeared before it could be fetched", uid.Id);
            return false;
        }
    }

    // Labels what label_pending holds for this folder, a page at a time. Failing to label must not
    // stop ingestion (the message is safe); what is left is labelled by a later sweep.
    private async Task LabelPendingAsync(ImapSession session, uint validity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(session.Label) || !session.Client.IsConnected || cancellationToken.IsCancellationRequested)
            return;
        var uids = new List<uint>();
        try
        {
            while ((uids = [.. await checkpoints.UnlabelledAsync(session.Account, session.Folder.FullName, validity, PageSize * 10, cancellationToken)]).Count > 0)
            {
                await ProcessedMarker.MarkAsync(session, uids.Select(u => new UniqueId(validity, u)).ToList(), cancellationToken);
                await checkpoints.LabelledAsync(session.Account, session.Folder.FullName, validity, uids, cancellationToken);
            }
        }
        catch (Exception e) when (e is MailKit.Net.Imap.ImapCommandException or MailKit.Net.Imap.ImapProtocolException or IOException)
        {
            logger.LogWarning("Could not add label {Label} to {Count} message(s): {Error}", session.Label, uids.Count, e.Message);
        }
    }
}
