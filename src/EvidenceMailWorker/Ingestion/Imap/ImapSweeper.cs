using System.Threading.Channels;
using EvidenceMailWorker.Storage;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion.Imap;

// One sweep of the open folder: every UID above the checkpoint, oldest first, in bounded pages (one
// pipelined UID FETCH BODY.PEEK[] each), each message streamed to disk and committed raw with its
// INTERNALDATE in UID order (the checkpoint advancing with each raw commit), its verdict worked out
// by a few workers in parallel. Never sets \Seen (BODY.PEEK), never deletes, moves or expunges.
public sealed class ImapSweeper(IngestionPipeline pipeline, MailboxCheckpoints checkpoints, TimeProvider clock, ILogger<ImapSweeper> logger)
{
    // Bounds one FETCH (summaries, then bodies) and so the spool files waiting to be committed.
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
        // The network, the raw commits and the verdicts overlap: this loop reads each page with one
        // pipelined UID FETCH, spooling every message as it streams in; the committer stores them
        // raw strictly in UID order (the checkpoint with each) and starts their verdicts. The bounded
        // channel holds the reading back when committing is slower, so spool use stays bounded.
        var channel = Channel.CreateBounded<PageItem>(new BoundedChannelOptions(PageSize) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var committer = new UidOrderedCommitter(pipeline, checkpoints, processing, progress, logger);
        var committing = committer.RunAsync(session, validity, channel.Reader, stop);
        Exception? fetchError = null;
        try
        {
            await FetchPagesAsync(session, validity, pending, channel.Writer, stop.Token);
        }
        catch (Exception e)
        {
            fetchError = e;
        }
        channel.Writer.TryComplete();
        try
        {
            await committing;
        }
        catch when (fetchError is not null and not OperationCanceledException)
        {
            // The fetch failed first; what the committer reports after it is a consequence.
        }
        if (fetchError is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fetchError);
        await processing.DrainAsync();
        await LabelPendingAsync(session, validity, cancellationToken);
        progress.Finish();
        return progress.Done;
    }

    private async Task FetchPagesAsync(ImapSession session, uint validity, List<UniqueId> pending, ChannelWriter<PageItem> writer, CancellationToken cancellationToken)
    {
        var folder = session.Folder as ImapFolder
            ?? throw new InvalidOperationException($"{session.Folder.GetType().Name} is not an IMAP folder");
        var items = MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Size;
        if (session.IsGmail)
            items |= MessageSummaryItems.GMailMessageId;
        foreach (var page in pending.Chunk(PageSize))
        {
            var summaries = (await folder.FetchAsync(page, items, cancellationToken)).OrderBy(s => s.UniqueId.Id).ToList();
            var expected = new List<ExpectedMessage>(summaries.Count);
            foreach (var summary in summaries)
            {
                // Gmail's id survives UIDVALIDITY resets and labels: known mail is not downloaded again.
                var known = summary.GMailMessageId is { } gmailId && await checkpoints.HasGmailMessageAsync(gmailId, cancellationToken);
                expected.Add(new ExpectedMessage(summary, new MailboxPosition(session.Account, folder.FullName, validity, summary.UniqueId.Id,
                    summary.GMailMessageId, Labelled: !string.IsNullOrEmpty(session.Label)), known));
            }
            await writer.WriteAsync(new PageStart(expected), cancellationToken);
            var download = expected.Where(e => !e.Known).Select(e => e.Summary.UniqueId).ToList();
            if (download.Count > 0)
                await folder.GetStreamsAsync(download, async (_, _, uid, stream, ct) =>
                {
                    // The stream is MailKit's for this call only: its file, hashed as it was
                    // written, is taken over before returning (no second copy, no second read).
                    var spooled = stream is SpoolFileStream file
                        ? await file.AdoptAsync(pipeline, ct)
                        : await pipeline.SpoolAsync(stream, ct);
                    try
                    {
                        await writer.WriteAsync(new Arrived(uid.Id, spooled), ct);
                    }
                    catch
                    {
                        spooled.Dispose();
                        throw;
                    }
                }, cancellationToken);
            await writer.WriteAsync(new PageEnd(), cancellationToken);
            // Labels what the committer has stored so far (a page behind the reading at most).
            await LabelPendingAsync(session, validity, cancellationToken);
        }
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

    // Labels what label_pending holds for this folder, a page at a time. Failing to label must not
    // stop ingestion (the message is safe); what is left is labelled by a later sweep.
    internal async Task LabelPendingAsync(ImapSession session, uint validity, CancellationToken cancellationToken)
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
