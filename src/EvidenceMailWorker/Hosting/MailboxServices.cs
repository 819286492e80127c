using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Ingestion.Folder;
using EvidenceMailWorker.Ingestion.Imap;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Hosting;

// The mailbox sources (Mailbox:Source = Folder | Imap) and what they need.
public static class MailboxServices
{
    public static IServiceCollection AddMailboxSources(this IServiceCollection services)
    {
        services.AddOAuth2TokenClient();
        services.AddSingleton<MailboxCheckpoints>();
        services.AddSingleton<MailboxLeases>();
        services.AddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        services.AddSingleton<ImapConnector>();
        services.AddSingleton<ImapSweeper>();
        services.AddSingleton<ImapMailboxSource>();
        services.AddSingleton<FolderMailboxSource>();
        services.AddSingleton<IMailboxSource>(sp =>
            sp.GetRequiredService<IOptions<MailboxOptions>>().Value.Source == "Imap"
                ? sp.GetRequiredService<ImapMailboxSource>()
                : sp.GetRequiredService<FolderMailboxSource>());
        return services;
    }
}
