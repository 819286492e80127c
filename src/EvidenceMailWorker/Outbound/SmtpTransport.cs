using EvidenceMailWorker.Auth;
using EvidenceMailWorker.Configuration;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EvidenceMailWorker.Outbound;

// Outbox:Mode=Smtp: MailKit, one connection per email. Receipts are a few hundred a year, so a
// fresh connection costs nothing and never meets a server-side idle disconnect.
public sealed class SmtpTransport(IOptionsMonitor<OutboxOptions> options, OAuth2TokenClient tokens) : IMailTransport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var stream = new MemoryStream(item.Mime, writable: false);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Security), cancellationToken);
        await AuthenticateAsync(client, settings, cancellationToken);
        // The envelope is the stored one, not re-derived from headers, so it matches what was enqueued.
        await client.SendAsync(message, MailboxAddress.Parse(item.Sender), item.Recipients.Select(MailboxAddress.Parse), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private async Task AuthenticateAsync(SmtpClient client, OutboxOptions settings, CancellationToken cancellationToken)
    {
        // No user name = an unauthenticated relay (a local MTA that trusts this host).
        if (string.IsNullOrWhiteSpace(settings.Username))
            return;
        if (!string.IsNullOrWhiteSpace(settings.OAuth2.RefreshToken))
        {
            var accessToken = await tokens.GetAccessTokenAsync(settings.OAuth2, OutboxOptions.Section, cancellationToken);
            await client.AuthenticateAsync(new SaslMechanismOAuth2(settings.Username, accessToken), cancellationToken);
            return;
        }
        await client.AuthenticateAsync(settings.Username, settings.Password, cancellationToken);
    }

    private static SecureSocketOptions SocketOptions(MailSecurity security) => security switch
    {
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
