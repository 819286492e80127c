using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Schedule;
using Quartz;

namespace EvidenceMailWorker.Hosting;

// One Quartz job type per purpose (CONTRACT §5), each a thin call into ScheduledFire with the
// trigger's scheduled time, so a late fire still computes what was due at that instant.
public abstract class ScheduledJob(ScheduledFire fire, string job) : IJob
{
    public const string PeriodKey = "period";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await fire.ExecuteAsync(job, context.ScheduledFireTimeUtc ?? context.FireTimeUtc,
            context.Trigger.JobDataMap.TryGetString(PeriodKey, out var period) ? period : null, cancellationToken);
}

[DisallowConcurrentExecution]
public sealed class RemindersJob(ScheduledFire fire) : ScheduledJob(fire, JobNames.Reminders);

[DisallowConcurrentExecution]
public sealed class OverdueJob(ScheduledFire fire) : ScheduledJob(fire, JobNames.Overdue);

[DisallowConcurrentExecution]
public sealed class DigestJob(ScheduledFire fire) : ScheduledJob(fire, JobNames.Digest);

[DisallowConcurrentExecution]
public sealed class SummaryJob(ScheduledFire fire) : ScheduledJob(fire, JobNames.Summary);
