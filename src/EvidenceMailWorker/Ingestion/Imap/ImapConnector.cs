using EvidenceMailWorker.Auth;
using System.Net.Sockets;
using System.Reflection;
using EvidenceMailWorker.Configuration;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Ingestion.Imap;

// Connects, identifies, authenticates (app password or XOAUTH2) and opens the watched folder.
public sealed class ImapConnector(IOptionsMonitor<MailboxOptions> options, OAuth2TokenClient tokens, ResolvedPaths paths, ILogger<ImapConnector> logger)
{
    public static string AccountKey(MailboxOptions o) => $"{o.Username}@{o.Host}".ToLowerInvariant();

    public async Task<ImapSession> ConnectAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var client = new SpoolingImapClient(paths.SpoolFolder);
        Stream? network = null;
        // Gmail sends [ALERT] when it wants a human to read something (quota, security); never drop it.
        client.Alert += (_, e) => logger.LogWarning("Mail server alert from {Host}: {Alert}", o.Host, e.Message);
        try
        {
            network = await OpenNetworkAsync(o.Host, o.Port, client.Timeout, cancellationToken);
            await client.ConnectAsync(network, o.Host, o.Port, Security(o.Security), cancellationToken);
            // Google asks clients to announce themselves with ID (RFC 2971).
            if (client.Capabilities.HasFlag(ImapCapabilities.Id))
                await client.IdentifyAsync(new ImapImplementation
                {
                    Name = "EvidenceMailWorker",
                    Version = typeof(ImapConnector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1",
                }, cancellationToken);
            await AuthenticateAsync(client, o, cancellationToken);
            var folder = await client.GetFolderAsync(o.ImapFolder, cancellationToken);
            // Read-only (EXAMINE) when nothing is to be written: a second guarantee on top of BODY.PEEK.
            await folder.OpenAsync(string.IsNullOrEmpty(o.Label) ? FolderAccess.ReadOnly : FolderAccess.ReadWrite, cancellationToken);
            return new ImapSession(client, folder, AccountKey(o), o.Label);
        }
        catch
        {
            client.Dispose();
            network?.Dispose(); // MailKit may have failed before taking it over
            throw;
        }
    }

    // The TCP connection MailKit would make itself, with a read-ahead buffer under it (TLS, when
    // configured, is still MailKit's, on top): see ReadAheadStream. Like MailKit's own connect, it
    // bounds the connect, the TLS handshake and the greeting by the client's Timeout (ms).
    private static async Task<Stream> OpenNetworkAsync(string host, int port, int timeoutMs, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(timeoutMs);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(timeout);
            await socket.ConnectAsync(host, port, connecting.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"{host}:{port} did not accept a connection within {timeout.TotalSeconds:F0} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new ReadAheadStream(new NetworkStream(socket, ownsSocket: true)) { ReadTimeout = timeoutMs, WriteTimeout = timeoutMs };
    }

    private async Task AuthenticateAsync(ImapClient client, MailboxOptions o, CancellationToken cancellationToken)
    {
        var useOAuth = !string.IsNullOrWhiteSpace(o.OAuth2.ClientId) && !string.IsNullOrWhiteSpace(o.OAuth2.RefreshToken);
        try
        {
            if (useOAuth)
            {
                var accessToken = await tokens.GetAccessTokenAsync(o.OAuth2, MailboxOptions.Section, cancellationToken);
                await client.AuthenticateAsync(new SaslMechanismOAuth2(o.Username, accessToken), cancellationToken);
            }
            else if (client.AuthenticationMechanisms.Contains("PLAIN"))
            {
                // Exactly one attempt: MailKit's user/password overload tries every mechanism in turn,
                // which a server counts as several failed logins.
                await client.AuthenticateAsync(new SaslMechanismPlain(o.Username, o.Password), cancellationToken);
            }
            else
            {
                await client.AuthenticateAsync(o.Username, o.Password, cancellationToken);
            }
        }
        catch (AuthenticationException e)
        {
            if (useOAuth)
            {
                tokens.Invalidate();
                throw new CredentialsRejectedException(
                    $"{o.Host} rejected the OAuth2 access token for {o.Username} ({e.Message}). Check that the token was issued for this account with scope https://mail.google.com/ (docs/imap.md).", e);
            }
            throw new CredentialsRejectedException(
                $"{o.Host} rejected the password for {o.Username} ({e.Message}). For Gmail use an app password (2-Step Verification must be on) " +
                "and set EVIDENCEMAIL_Mailbox__Password; or configure OAuth2 (docs/imap.md).", e);
        }
    }

    private static SecureSocketOptions Security(MailSecurity security) => security switch
    {
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
