using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Configuration;

// The appsettings.json sections read together, so validation and `config check` see one
// consistent snapshot and shape problems (misspelled enum values, text in a number) are reported
// instead of thrown.
public sealed record InfrastructureSettings(
    StorageOptions Storage,
    DatabaseOptions Database,
    MailboxOptions Mailbox,
    OutboxOptions Outbox,
    ReceiptsOptions Receipts,
    LimitsOptions Limits,
    UnderstandingOptions Understanding,
    TemplatesOptions Templates,
    HealthOptions Health)
{
    public static InfrastructureSettings Read(IConfiguration config, ICollection<ConfigProblem> problems) => new(
        OptionsReader.Read<StorageOptions>(config, StorageOptions.Section, problems),
        OptionsReader.Read<DatabaseOptions>(config, DatabaseOptions.Section, problems),
        OptionsReader.Read<MailboxOptions>(config, MailboxOptions.Section, problems),
        OptionsReader.Read<OutboxOptions>(config, OutboxOptions.Section, problems),
        OptionsReader.Read<ReceiptsOptions>(config, ReceiptsOptions.Section, problems),
        OptionsReader.Read<LimitsOptions>(config, LimitsOptions.Section, problems),
        OptionsReader.Read<UnderstandingOptions>(config, UnderstandingOptions.Section, problems),
        OptionsReader.Read<TemplatesOptions>(config, TemplatesOptions.Section, problems),
        OptionsReader.Read<HealthOptions>(config, HealthOptions.Section, problems));
}
