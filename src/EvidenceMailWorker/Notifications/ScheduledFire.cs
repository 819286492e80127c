using EvidenceMailWorker.Outbound;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Notifications;

// One scheduled fire time carried out by whichever process claims it first (job_runs), through the
// same JobRunner `jobs run` uses; the outbox sender is woken so the mail leaves at once.
public sealed class ScheduledFire(JobRunner runner, JobRunLog log, OutboxSignal outbox, TimeProvider clock, ILogger<ScheduledFire> logger)
{
    public async Task ExecuteAsync(string job, DateTimeOffset fireAt, string? period, CancellationToken cancellationToken)
    {
        if (!await log.ClaimAsync(job, fireAt, clock.GetUtcNow(), cancellationToken))
        {
            logger.LogInformation("Job {Job} at {At:yyyy-MM-dd HH:mm zzz} was already run by another process", job, fireAt);
            return;
        }
        try
        {
            var run = await runner.RunAsync(job, fireAt, dryRun: false, cancellationToken, period);
            await log.FinishAsync(job, fireAt, clock.GetUtcNow(), run.Emails.Count, run.Queued, null, cancellationToken);
            if (run.Queued > 0)
                outbox.Wakeup.Pulse();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Left unfinished and given back: the next start runs it again (the keys keep that safe).
            logger.LogError(e, "Job {Job} at {At:yyyy-MM-dd HH:mm zzz} failed: {Error}", job, fireAt, e.Message);
            try
            {
                await log.ReleaseAsync(job, fireAt, e.Message, cancellationToken);
            }
            catch (Exception release) when (release is not OperationCanceledException)
            {
                logger.LogWarning("Job {Job} at {At:yyyy-MM-dd HH:mm zzz} could not be given back ({Error}); it is taken over after {Minutes} minutes",
                    job, fireAt, release.Message, JobRunLog.Stale.TotalMinutes);
            }
        }
    }
}
