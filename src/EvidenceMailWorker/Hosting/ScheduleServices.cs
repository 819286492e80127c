using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace EvidenceMailWorker.Hosting;

public static class ScheduleServices
{
    public const string SchedulerName = "EvidenceMailWorker";

    // The one scheduler of `run`: the campaign's jobs (CONTRACT §5) and the receipt and outbox passes. On PostgreSQL it keeps its triggers in Quartz's clustered ADO.NET
    // store in the same database (migration 0012), so several `run` processes fire each trigger once;
    // on SQLite (one process per data folder) in memory. Either way the triggers are recomputed from
    // the campaign at every start, and job_runs claims plus the outbox keys stay as a second guard.
    public static IServiceCollection AddCampaignSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton<ScheduledFire>();
        services.AddTransient<RemindersJob>();
        services.AddTransient<OverdueJob>();
        services.AddTransient<DigestJob>();
        services.AddTransient<SummaryJob>();
        services.AddTransient<ReceiptPassJob>();
        services.AddTransient<OutboxPassJob>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                // The same name as in this process's job_runs and outbox claims, so one id follows a process everywhere.
                s.InstanceId = ProcessOwner.Current;
                // A stop cancels running jobs instead of leaving them executing in the shared store
                // (their rows would block the next start); each job's work is safe to cut short.
                s.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            if (database.Provider == DatabaseProvider.Postgres)
                q.UsePersistentStore(store =>
                {
                    // Job data is only strings (the period), stored as properties: readable in the table, no serializer drift.
                    store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                    store.UsePostgres(database.ConnectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering();
                });
        });
        services.AddHostedService<ScheduleService>();
        services.AddHostedService<DueWorkService>();
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            // Start with the host, not after every hosted service has started: the receipt and outbox
            // passes must not wait for the schedule's catch-up (which runs in the background anyway).
            o.AwaitApplicationStarted = false;
        });
        return services;
    }
}
