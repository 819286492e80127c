using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Health;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Hosting;

// The status snapshot (every verb can read it: `status`), and for `run` the recorder of the
// configuration state and, when Health:Url is set, the /healthz endpoint.
public static class HealthServices
{
    public static IServiceCollection AddWorkerStatus(this IServiceCollection services)
    {
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<ConfigReloadStore>();
        services.AddSingleton<SchedulerNodes>();
        services.AddSingleton<WorkerStatusReader>();
        return services;
    }

    public static IServiceCollection AddHealthReporting(this IServiceCollection services, HealthOptions options)
    {
        services.AddHostedService<ConfigReloadRecorder>();
        if (!string.IsNullOrWhiteSpace(options.Url))
            services.AddHostedService<HealthEndpoint>();
        return services;
    }
}
