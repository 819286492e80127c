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
    ImapConnector connector, ImapSweeper sweeper, IngestionPipeline pipeline, MailboxCheckpoints checkpoints, MailboxLeases leases, Database database,
    IOptionsMonitor<MailboxOptions> options, TimeProvider clock, ILogger<ImapMailboxSource> logger, IMailboxAlarm? alarm = null, ResolvedPaths? paths = null) : IMailboxSource
{
    // How often a worker that is not the mailbox's poller asks whether the poller is gone.
    public static readonly TimeSpan LeaseRetry = TimeSpan.FromSeconds(15);
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
        MailboxLease? lease = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    lease ??= await TakeLeaseAsync(account, cancellationToken);
                    using var session = await connector.ConnectAsync(cancellationToken);
                    if (outageSince is { } since)
                        logger.LogInformation("Mailbox {Account} is reachable again after {Minutes:0.0} min", account, (clock.GetUtcNow() - since).TotalMinutes);
                    else
                        logger.LogInformation("Watching {Folder} of {Account} ({Mode})", session.Folder.FullName, account,
                            session.SupportsIdle ? "IDLE" : $"polling every {options.CurrentValue.PollSeconds} s");
                    outageSince = null;
                    backoff.Reset();
                    await WatchAsync(session, lease, cancellationToken);
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
                catch (Exception e) when (DatabaseFaults.IsUnavailable(e) || DatabaseFaults.IsDiskFull(e) || e is MailboxLeaseLostException)
                {
                    // Not the mailbox's fault: log out (the session is disposed) and log in again only
                    // once the database answers, so a long outage costs one IMAP login, not thousands.
                    if (lease is not null)
                        await lease.DisposeAsync();
                    lease = null;
                    if (!await WaitForDatabaseAsync(e, cancellationToken))
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
        finally
        {
            if (lease is not null)
                await lease.DisposeAsync();
        }
    }

    // Waits until this process is the mailbox's only poller; says so once when another one is.
    private async Task<MailboxLease> TakeLeaseAsync(string account, CancellationToken cancellationToken)
    {
        var folder = options.CurrentValue.ImapFolder;
        var waited = false;
        while (true)
        {
            if (await leases.TryTakeAsync(account, folder, cancellationToken) is { } lease)
            {
                if (waited)
                    logger.LogInformation("Took over watching {Folder} of {Account}: the worker that watched it stopped", folder, account);
                return lease;
            }
            if (!waited)
                logger.LogInformation("{Folder} of {Account} is watched by another worker on this database; this one takes over if that one stops", folder, account);
            waited = true;
            await Task.Delay(LeaseRetry, clock, cancellationToken);
        }
    }

    // Like a database outage: said once, probed (can 1 MB be written to the spool?) with back-off, said once when over.
    private async Task<bool> WaitForSpaceAsync(Exception cause, CancellationToken cancellationToken)
    {
        logger.LogWarning("Disk full ({Error}): mailbox polling paused, nothing stored is lost; it resumes when space is freed", cause.Message);
        var backoff = new Backoff(InitialBackoff, MaxBackoff);
        var folder = paths?.SpoolFolder ?? Path.GetTempPath();
        while (true)
        {
            try
            {
                await Task.Delay(backoff.Next(), clock, cancellationToken);
                var probe = Path.Combine(folder, $"space-probe-{Guid.NewGuid():N}");
                try
                {
                    await File.WriteAllBytesAsync(probe, new byte[1 << 20], cancellationToken);
                }
                finally
                {
                    File.Delete(probe);
                }
                logger.LogInformation("Disk space is available again; watching the mailbox again");
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (IOException)
            {
            }
        }
    }

    // One warning per outage, probes with back-off, one line when it is back. False when stopping.
    private async Task<bool> WaitForDatabaseAsync(Exception cause, CancellationToken cancellationToken)
    {
        if (cause is MailboxLeaseLostException)
            logger.LogWarning("Mailbox lease lost ({Error})", cause.Message);
        if (DatabaseFaults.IsDiskFull(cause))
            return await WaitForSpaceAsync(cause, cancellationToken);
        var since = clock.GetUtcNow();
        var backoff = new Backoff(InitialBackoff, MaxBackoff);
        var warned = false;
        while (true)
        {
            try
            {
                await using (var connection = await database.OpenAsync(cancellationToken))
                {
                    await using var probe = connection.CreateCommand();
                    probe.CommandText = "SELECT 1";
                    await probe.ExecuteScalarAsync(cancellationToken);
                }
                if (warned)
                    logger.LogInformation("Database is reachable again after {Minutes:0.0} min; watching the mailbox again", (clock.GetUtcNow() - since).TotalMinutes);
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (DatabaseFaults.IsUnavailable(e))
            {
                if (!warned)
                    logger.LogWarning("Database ({Provider}) unreachable ({Error}); mailbox polling paused until it is back, nothing is lost meanwhile",
                        database.Provider, e.Message);
                warned = true;
            }
            try
            {
                await Task.Delay(backoff.Next(), clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private async Task WatchAsync(ImapSession session, MailboxLease lease, CancellationToken cancellationToken)
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
                if (!await lease.IsHeldAsync(cancellationToken))
                    throw new MailboxLeaseLostException();
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
