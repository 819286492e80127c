using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Hosting;

// Outbound mail and receipts. `run` passes over them on its Quartz scheduler (ScheduleServices);
// other verbs call ReceiptScheduler/OutboxSender directly.
public static class OutboxServices
{
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.AddOAuth2TokenClient();
        services.AddSingleton<IMailboxAlarm, OfficeMailboxAlarm>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<FolderTransport>();
        services.AddSingleton<SmtpTransport>();
        // The mode is read once at start: switching between writing files and really sending is a restart.
        services.AddSingleton<IMailTransport>(sp =>
            sp.GetRequiredService<IOptions<OutboxOptions>>().Value.Mode == "Smtp"
                ? sp.GetRequiredService<SmtpTransport>()
                : sp.GetRequiredService<FolderTransport>());

        services.AddSingleton<ReceiptPolicy>();
        services.AddSingleton<ReceiptWatermark>();
        services.AddSingleton<ReceiptSignal>();
        services.AddSingleton<ReceiptRequests>();
        services.AddSingleton<IVerdictListener>(sp => sp.GetRequiredService<ReceiptRequests>());
        services.AddSingleton<PendingReceiptStore>();
        services.AddSingleton<IMissingEvidence, CoverageMissingEvidence>();
        services.AddSingleton<ReceiptModelBuilder>();
        services.AddSingleton<ReceiptScheduler>();

        return services;
    }
}
