using EvidenceMailWorker.Auth;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Ingestion.Imap;

// Mailbox:Source=Imap. `run`: sweep, then IDLE (or poll) until the server reports new mail, sweep
// again; any network or server error → reconnect with back-off, logging the outage and the
// recovery once each. A rejected password or grant stops this mailbox (retrying cannot help).
public sealed class ImapMailboxSource(
    ImapConnector connector, ImapSweeper sweeper, IngestionPipeline pipeline, MailboxCheckpoints checkpoints,
    IOptionsMonitor<MailboxOptions> options, TimeProvider clock, ILogger<ImapMailboxSource> logger, IMailboxAlarm? alarm = null) : IMailboxSource
{
    // Gmail drops idle connections after about 10 minutes; RFC 2177 allows 29.
    public static readonly TimeSpan IdleRefresh = TimeSpan.FromMinutes(9);
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await RetryFailedAsync(cancellationToken);
        try
        {
            using var session = await connector.ConnectAsync(cancellationToken);
            await sweeper.SweepAsync(session, cancellationToken);
            await session.CloseAsync(cancellationToken);
        }
        catch (CredentialsRejectedException e)
        {
            await RecordErrorAsync(e.Message);
            throw;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(InitialBackoff, MaxBackoff);
        DateTimeOffset? outageSince = null;
        var account = ImapConnector.AccountKey(options.CurrentValue);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var session = await connector.ConnectAsync(cancellationToken);
                if (outageSince is { } since)
                    logger.LogInformation("Mailbox {Account} is reachable again after {Minutes:0.0} min", account, (clock.GetUtcNow() - since).TotalMinutes);
                else
                    logger.LogInformation("Watching {Folder} of {Account} ({Mode})", session.Folder.FullName, account,
                        session.SupportsIdle ? "IDLE" : $"polling every {options.CurrentValue.PollSeconds} s");
                outageSince = null;
                backoff.Reset();
                await WatchAsync(session, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (CredentialsRejectedException e)
            {
                logger.LogError("Stopped watching mailbox {Account}: {Reason} The worker keeps running; restart it after fixing the credentials.", account, e.Message);
                await RecordErrorAsync(e.Message);
                if (alarm is not null)
                    await alarm.MailboxStoppedAsync(account, e.Message, cancellationToken);
                return;
            }
            catch (Exception e)
            {
                var delay = backoff.Next();
                if (outageSince is null)
                {
                    outageSince = clock.GetUtcNow();
                    logger.LogWarning("Mailbox {Account} unreachable ({Error}); reconnecting with back-off, nothing is lost meanwhile", account, e.Message);
                    await RecordErrorAsync(e.Message);
                }
                else
                {
                    logger.LogDebug(e, "Reconnect to {Account} failed; next attempt in {Delay}", account, delay);
                }
                try
                {
                    await Task.Delay(delay, clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task WatchAsync(ImapSession session, CancellationToken cancellationToken)
    {
        var changed = 0;
        CancellationTokenSource? idleDone = null;
        // Handlers must not call into the folder (MailKit is not re-entrant): flag and end the IDLE.
        void OnCountChanged(object? sender, EventArgs e)
        {
            Volatile.Write(ref changed, 1);
            idleDone?.Cancel();
        }
        var folder = session.Folder;
        folder.CountChanged += OnCountChanged;
        try
        {
            while (true)
            {
                await RetryFailedAsync(cancellationToken);
                Volatile.Write(ref changed, 0);
                await sweeper.SweepAsync(session, cancellationToken);
                if (Volatile.Read(ref changed) == 1)
                    continue; // mail arrived during the sweep
                if (session.SupportsIdle)
                {
                    using var done = new CancellationTokenSource(IdleRefresh, clock);
                    idleDone = done;
                    if (Volatile.Read(ref changed) == 1)
                        continue;
                    await session.Client.IdleAsync(done.Token, cancellationToken);
                    idleDone = null;
                }
                else
                {
                    await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.PollSeconds), clock, cancellationToken);
                    await session.Client.NoOpAsync(cancellationToken);
                }
            }
        }
        finally
        {
            idleDone = null;
            folder.CountChanged -= OnCountChanged;
        }
    }

    // Messages an earlier pass stored raw but could not finish are finished first.
    private async Task RetryFailedAsync(CancellationToken cancellationToken)
    {
        foreach (var retried in await pipeline.RetryFailedAsync(cancellationToken))
            logger.LogInformation("Retried message {Id}: {Status}", retried.MessageId, retried.Status);
    }

    private async Task RecordErrorAsync(string error)
    {
        var o = options.CurrentValue;
        try
        {
            await checkpoints.RecordContactAsync(ImapConnector.AccountKey(o), o.ImapFolder, error, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The database may be what is down; the log already has the error.
            logger.LogDebug(e, "Could not record the mailbox error");
        }
    }
}
