using EvidenceMailWorker.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace EvidenceMailWorker.Hosting;

public static class ScheduleServices
{
    // The one scheduler of `run`. Its store is in memory: triggers are recomputed from the campaign at
    // every start, and job_runs (claimed first-come by any process) plus the outbox keys make a fire
    // time run once across restarts and several workers.
    public static IServiceCollection AddCampaignSchedule(this IServiceCollection services)
    {
        services.AddSingleton<ScheduledFire>();
        services.AddTransient<RemindersJob>();
        services.AddTransient<OverdueJob>();
        services.AddTransient<DigestJob>();
        services.AddTransient<SummaryJob>();
        services.AddQuartz();
        services.AddHostedService<ScheduleService>();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
