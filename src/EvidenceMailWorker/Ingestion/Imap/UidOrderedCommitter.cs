using System.Threading.Channels;
using EvidenceMailWorker.Storage;
using MailKit;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion.Imap;

// What the page reader tells the committer: a page's messages in UID order, each as it arrives,
// and that the page's FETCH has ended (whatever did not arrive by then was deleted meanwhile).
internal abstract record PageItem;
internal sealed record ExpectedMessage(IMessageSummary Summary, MailboxPosition Position, bool Known);
internal sealed record PageStart(IReadOnlyList<ExpectedMessage> Messages) : PageItem;
internal sealed record Arrived(uint Uid, SpooledMessage Spooled) : PageItem;
internal sealed record PageEnd : PageItem;

// Commits fetched messages raw strictly in UID order, whatever order the server answers in, so the
// checkpoint (monotonic, advanced with each raw commit) never passes a message that is not stored.
// A message arriving ahead of an earlier one waits, on disk, for it; after a failed fetch only the
// unbroken run from the checkpoint is committed and the rest is fetched again by the next sweep.
internal sealed class UidOrderedCommitter(IngestionPipeline pipeline, MailboxCheckpoints checkpoints, ParallelProcessing processing, BacklogProgress progress, ILogger logger)
{
    private readonly Queue<ExpectedMessage> _expected = new();
    private readonly Dictionary<uint, SpooledMessage> _arrived = [];

    // A failure here stops the reader too (stop is cancelled), so neither waits on the other.
    public async Task RunAsync(ImapSession session, uint validity, ChannelReader<PageItem> reader, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var item in reader.ReadAllAsync(stop.Token))
            {
                switch (item)
                {
                    case PageStart start:
                        foreach (var message in start.Messages)
                            _expected.Enqueue(message);
                        break;
                    case Arrived arrived:
                        _arrived[arrived.Uid] = arrived.Spooled;
                        break;
                }
                await CommitReadyAsync(session, validity, pageEnded: item is PageEnd, stop.Token);
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            foreach (var spooled in _arrived.Values)
                spooled.Dispose();
            _arrived.Clear();
            while (reader.TryRead(out var left))
                if (left is Arrived { Spooled: var spooled })
                    spooled.Dispose();
        }
    }

    private async Task CommitReadyAsync(ImapSession session, uint validity, bool pageEnded, CancellationToken cancellationToken)
    {
        while (_expected.TryPeek(out var next))
        {
            if (next.Known)
                await checkpoints.SetAsync(next.Position, cancellationToken);
            else if (_arrived.Remove(next.Summary.UniqueId.Id, out var spooled))
                await CommitAsync(session, validity, next, spooled, cancellationToken);
            else if (pageEnded)
                logger.LogInformation("UID {Uid} disappeared before it could be fetched", next.Summary.UniqueId.Id);
            else
                return; // an earlier message is still on its way
            _expected.Dequeue();
            progress.Add(next.Summary.Size ?? 0);
        }
    }

    private async Task CommitAsync(ImapSession session, uint validity, ExpectedMessage message, SpooledMessage spooled, CancellationToken cancellationToken)
    {
        var uid = message.Summary.UniqueId.Id;
        StoredRaw stored;
        try
        {
            stored = await pipeline.StoreSpooledAsync(spooled, $"imap:{session.Account}/{session.Folder.FullName}#{validity}:{uid}",
                message.Summary.InternalDate, cancellationToken, message.Position);
        }
        catch
        {
            spooled.Dispose();
            throw;
        }
        logger.LogDebug("UID {Uid}: message {Id} {Outcome}", uid, stored.Result.MessageId, stored.Duplicate ? "already stored" : "stored raw");
        if (stored.Duplicate)
            spooled.Dispose();
        else
            await processing.StartAsync(stored, spooled, cancellationToken);
    }
}
