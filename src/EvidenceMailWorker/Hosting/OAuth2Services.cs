using EvidenceMailWorker.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EvidenceMailWorker.Hosting;

public static class OAuth2Services
{
    // One token client for IMAP and SMTP (both may use the same Google grant); either may add it first.
    public static IServiceCollection AddOAuth2TokenClient(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new OAuth2TokenClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
