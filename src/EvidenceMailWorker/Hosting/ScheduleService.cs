using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Schedule;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace EvidenceMailWorker.Hosting;

// Puts the campaign's schedule (CONTRACT §5, Schedule/CampaignSchedule) on the Quartz scheduler of
// `run`: at start it first runs, once, each fire time missed while the worker was down that is still
// useful (and logs the ones it skips), then schedules every future fire time as a one-shot trigger.
// When a valid edit of the campaign comes in, every trigger is replaced and the moved fire times logged.
public sealed class ScheduleService(
    ISchedulerFactory schedulers,
    IOptionsMonitor<CampaignOptions> campaign,
    ScheduledFire fire,
    JobRunLog runs,
    TimeProvider clock,
    ILogger<ScheduleService> logger) : IHostedService, IDisposable
{
    public const string Group = "campaign";

    private static readonly Dictionary<string, Func<IJobDetail>> JobTypes = new()
    {
        [JobNames.Reminders] = Detail<RemindersJob>,
        [JobNames.Overdue] = Detail<OverdueJob>,
        [JobNames.Digest] = Detail<DigestJob>,
        [JobNames.Summary] = Detail<SummaryJob>,
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<FireTime> _scheduled = [];
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _subscription;
    private Task? _catchUp;

    private static IJobDetail Detail<T>() where T : IJob => JobBuilder.Create<T>().WithIdentity(typeof(T).Name, Group).StoreDurably().Build();

    // The triggers are placed at start; the catch-up runs beside the scheduler (the receipt and outbox
    // passes must not wait for it), and "Schedule: …" is logged once it is done.
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var schedule = new CampaignSchedule(campaign.CurrentValue);
        await ScheduleAsync(schedule, now, cancellationToken);
        _subscription = campaign.OnChange((_, _) => Task.Run(RescheduleAsync));
        _catchUp = Task.Run(() => CatchUpThenReportAsync(schedule, now, _stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await _stopping.CancelAsync();
        if (_catchUp is not null)
            await _catchUp.WaitAsync(cancellationToken);
    }

    private async Task CatchUpThenReportAsync(CampaignSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(schedule, now, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            // What was not caught up keeps its unfinished or missing job_runs row: the next start tries again.
            logger.LogError(e, "Catching up missed fire times failed: {Error}", e.Message);
        }
        if (_scheduled.FirstOrDefault() is { } next)
            logger.LogInformation("Schedule: {Count} fire times ahead; next {Job} at {At:yyyy-MM-dd HH:mm zzz}", _scheduled.Count, next.Job, next.At);
        else
            logger.LogInformation("Schedule: nothing ahead (the campaign's last fire time has passed)");
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _gate.Dispose();
        _stopping.Dispose();
    }

    // Under the gate from start to end, and always from the campaign now in force: two edits close
    // together then end with the triggers of the later one, whatever order their tasks run in.
    private async Task RescheduleAsync()
    {
        await _gate.WaitAsync();
        try
        {
            var now = clock.GetUtcNow();
            var before = _scheduled;
            await ScheduleAsync(new CampaignSchedule(campaign.CurrentValue), now, CancellationToken.None);
            var changes = ScheduleChanges.Between(before, _scheduled);
            if (changes.Count == 0)
                logger.LogInformation("Campaign edited; the schedule is unchanged ({Count} fire times ahead)", _scheduled.Count);
            foreach (var change in changes)
                logger.LogInformation("Schedule changed: {Change}", change);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Rescheduling after the campaign edit failed; the previous triggers may be partly replaced: {Error}", e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Callers hold the gate (StartAsync runs before any edit can arrive). The store may be shared with
    // other `run` processes (PostgreSQL) and already hold this plan: only triggers that are not in the
    // plan are removed and only missing ones added, so a second process starting, or a restart, changes
    // nothing that is right. A trigger's name holds its job, time and period: any change is a new name.
    private async Task ScheduleAsync(CampaignSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var future = schedule.Between(now, DateTimeOffset.MaxValue);
        foreach (var (job, create) in JobTypes)
        {
            var detail = create();
            var planned = future.Where(f => f.Job == job).ToDictionary(TriggerKey);
            // Not replacing: another process may be firing this job's trigger right now.
            if (!await scheduler.Exists(detail.Key, cancellationToken))
                await AddJobAsync(scheduler, detail, cancellationToken);
            var stored = (await scheduler.QueryTriggers(new TriggerQuery { Job = detail.Key, Take = PagedQuery.All }, cancellationToken)).Items;
            // A moved fire time must not also fire at its old time. A trigger already due (about to
            // fire, or being fired by another process) is left to fire: job_runs stops a double run.
            // One the store left in error would never fire again: it is replaced.
            var stale = stored.Where(t => t.State == TriggerState.Error
                || (!planned.ContainsKey(t.Key) && !(t.NextFireTimeUtc is { } next && next <= now))).Select(t => t.Key).ToList();
            if (stale.Count > 0)
                await scheduler.UnscheduleJobs(stale, cancellationToken);
            var existing = stored.Select(t => t.Key).Except(stale).ToHashSet();
            foreach (var (key, f) in planned.Where(p => !existing.Contains(p.Key)))
                await scheduler.ScheduleTrigger(TriggerBuilder.Create()
                    .WithIdentity(key)
                    .ForJob(detail)
                    .StartAt(f.At)
                    .UsingJobData(ScheduledJob.PeriodKey, f.Period ?? "")
                    .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                    .Build(), TriggerConflict.Keep, cancellationToken);
        }
        _scheduled = future;
    }

    private static TriggerKey TriggerKey(FireTime f) => new($"{f.Job}@{f.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}#{f.Period}", Group);

    // Two processes starting together may both find the job missing; the second add finds it there,
    // which is the state it wanted.
    private static async Task AddJobAsync(IScheduler scheduler, IJobDetail detail, CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.AddJob(detail, new AddJobOptions { Replace = false }, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
        }
    }

    private async Task CatchUpAsync(CampaignSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var missedTimes = schedule.Between(now - MissedFires.Window - TimeSpan.FromDays(60), now);
        foreach (var missed in missedTimes)
        {
            if (await runs.FinishedAsync(missed.Job, missed.At, cancellationToken))
                continue;
            var (run, why) = MissedFires.Decide(missed, now, schedule.Deadlines);
            // Down over several reminder days of one period: one reminder (the latest) says it all.
            if (run && MissedFires.SupersededBy(missed, missedTimes) is { } later)
                (run, why) = (false, $"the later {later.Job} of {later.At:yyyy-MM-dd HH:mm zzz} covers it");
            if (!run)
            {
                if (now - missed.At <= MissedFires.Window + TimeSpan.FromDays(1))
                    logger.LogInformation("Missed {Job} at {At:yyyy-MM-dd HH:mm zzz} is skipped: {Why}", missed.Job, missed.At, why);
                continue;
            }
            logger.LogInformation("Missed {Job} at {At:yyyy-MM-dd HH:mm zzz} runs now: {Why}", missed.Job, missed.At, why);
            await fire.ExecuteAsync(missed.Job, missed.At, missed.Period, cancellationToken);
        }
    }
}
