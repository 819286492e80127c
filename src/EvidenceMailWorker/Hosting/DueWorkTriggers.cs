using Quartz;

namespace EvidenceMailWorker.Hosting;

// The three triggers of a due-work job, each with a fixed name so that requests coalesce in the
// (possibly shared) store: "now" (a wake-up; one pending is enough), "due" (the next item's time;
// the earlier request wins) and "poll" (every Poll, for work another process added).
public static class DueWorkTriggers
{
    public static ITrigger Now(JobKey job) => Build(job, "now", DateTimeOffset.UtcNow, repeat: false);

    public static ITrigger Due(JobKey job, DateTimeOffset at) => Build(job, "due", at, repeat: false);

    public static ITrigger Poll(JobKey job) => Build(job, "poll", DateTimeOffset.UtcNow + DueWorkJob.Poll, repeat: true);

    private static ITrigger Build(JobKey job, string kind, DateTimeOffset at, bool repeat)
    {
        var trigger = TriggerBuilder.Create().WithIdentity($"{job.Name}-{kind}", DueWorkJob.Group).ForJob(job).StartAt(at);
        return repeat
            ? trigger.WithSimpleSchedule(s => s.WithInterval(DueWorkJob.Poll).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build()
            : trigger.Build();
    }
}
