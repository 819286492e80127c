using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace EvidenceMailWorker.Hosting;

// Composition root shared by every verb: the Generic Host with Serilog, options and storage.
// Verbs differ only in what they add (run adds hosted services) and how loud the console is.
public static class WorkerHost
{
    private const string QuietTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}";
    private const string VerboseTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public const string WindowsServiceName = "EvidenceMailWorker";

    public static HostApplicationBuilder CreateBuilder(IConfigurationRoot configuration, ResolvedPaths paths, LogEventLevel consoleLevel, bool consoleShowsExceptions = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(ExpandedLogPaths(configuration, paths));

        Directory.CreateDirectory(paths.LogsFolder);
        builder.Services.AddSerilog((_, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            // Console output goes to stderr so that a verb's --json on stdout stays parseable; stack
            // traces go to the log file, and to the console only when asked for (--verbose).
            .WriteTo.Console(
                restrictedToMinimumLevel: consoleLevel,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: consoleShowsExceptions ? VerboseTemplate : QuietTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        // Each is a no-op outside its service manager: Type=notify under systemd, the service control
        // manager's start/stop on Windows (deploy/windows/install.ps1).
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService(o => o.ServiceName = WindowsServiceName);

        builder.Services.AddSingleton(paths);
        // Verbs start on a valid configuration; `status` replaces this with the problems it reports.
        builder.Services.AddSingleton(new CampaignOnDisk([]));
        builder.Services.AddSingleton(TimeProvider.System);
        AddOptions<CampaignOptions>(builder, CampaignOptions.Section);
        // The running worker only ever sees a validated campaign, also after an edit on disk.
        builder.Services.AddSingleton<ConfigReloadState>();
        builder.Services.AddSingleton(sp => new LastGoodCampaign(builder.Configuration, sp.GetRequiredService<ConfigReloadState>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LastGoodCampaign>>()));
        builder.Services.AddSingleton<IOptionsMonitor<CampaignOptions>>(sp => sp.GetRequiredService<LastGoodCampaign>());
        AddOptions<DatabaseOptions>(builder, DatabaseOptions.Section);
        AddOptions<MailboxOptions>(builder, MailboxOptions.Section);
        AddOptions<OutboxOptions>(builder, OutboxOptions.Section);
        AddOptions<LimitsOptions>(builder, LimitsOptions.Section);
        AddOptions<ReceiptsOptions>(builder, ReceiptsOptions.Section);
        AddOptions<UnderstandingOptions>(builder, UnderstandingOptions.Section);
        AddOptions<TemplatesOptions>(builder, TemplatesOptions.Section);
        AddOptions<HealthOptions>(builder, HealthOptions.Section);

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = options.Provider == DatabaseProvider.Sqlite ? paths.SqliteConnectionString : options.ConnectionString;
            return new Database(options.Provider, connectionString);
        });
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddSingleton<ArchiveStore>();
        builder.Services.AddSingleton<ProcessingClaims>();
        builder.Services.AddSingleton<SubmissionQueries>();
        builder.Services.AddSingleton<Func<IngestionSettings>>(sp => () => CurrentIngestionSettings(sp, paths));
        builder.Services.AddSingleton<MessageDecomposer>();
        builder.Services.AddSingleton<IngestionPipeline>();
        builder.Services.AddSingleton<StoredAttachments>();
        builder.Services.AddSingleton<MailFileImporter>();
        builder.Services.AddOutbox();
        builder.Services.AddSingleton<Notifications.JobRunner>();
        builder.Services.AddSingleton<Notifications.JobRunLog>();
        builder.Services.AddMailboxSources();
        builder.Services.AddWorkerStatus();
        return builder;
    }

    private static void AddOptions<T>(HostApplicationBuilder builder, string section) where T : class =>
        builder.Services.AddOptions<T>().Bind(builder.Configuration.GetSection(section));

    private static IngestionSettings CurrentIngestionSettings(IServiceProvider services, ResolvedPaths paths)
    {
        var campaign = services.GetRequiredService<IOptionsMonitor<CampaignOptions>>().CurrentValue;
        var mailbox = services.GetRequiredService<IOptionsMonitor<MailboxOptions>>().CurrentValue;
        var outbox = services.GetRequiredService<IOptionsMonitor<OutboxOptions>>().CurrentValue;
        var limits = services.GetRequiredService<IOptionsMonitor<LimitsOptions>>().CurrentValue;
        var understanding = services.GetRequiredService<IOptionsMonitor<UnderstandingOptions>>().CurrentValue;
        Directory.CreateDirectory(paths.SpoolFolder);
        return new IngestionSettings(new CampaignDirectory(campaign, understanding), limits, mailbox.TrustedAuthServId, outbox.MessageIdDomain, paths.SpoolFolder);
    }

    // The file sink's path in appsettings.json names {LogsFolder}; only now is that folder known.
    private static IEnumerable<KeyValuePair<string, string?>> ExpandedLogPaths(IConfiguration configuration, ResolvedPaths paths) =>
        configuration.GetSection("Serilog:WriteTo").GetChildren()
            .Select(sink => (key: $"{sink.Path}:Args:path", value: sink["Args:path"]))
            .Where(p => p.value is not null && p.value.Contains(ResolvedPaths.LogsFolderPlaceholder, StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, string?>(p.key, paths.ExpandPlaceholders(p.value!)));
}
