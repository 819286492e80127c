using System.Net.Http.Json;
using System.Text.Json.Serialization;
using EvidenceMailWorker.Configuration;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Ingestion.Imap;

// Exchanges the configured refresh token for short-lived access tokens (RFC 6749 §6) and reuses one
// until shortly before it expires, so every (re)connect presents a valid token.
public sealed class OAuth2TokenSource(HttpClient http, IOptionsMonitor<MailboxOptions> options, TimeProvider clock)
{
    // Refresh this long before expiry: a token must outlive the connect and authenticate round trips.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_accessToken is not null && clock.GetUtcNow() < _expiresAt - RefreshMargin)
                return _accessToken;
            var o = options.CurrentValue.OAuth2;
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = o.RefreshToken,
                ["client_id"] = o.ClientId,
            };
            if (!string.IsNullOrEmpty(o.ClientSecret))
                form["client_secret"] = o.ClientSecret;
            using var response = await http.PostAsync(o.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
            var body = await ReadAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
            {
                // 4xx with an OAuth error code is a verdict on our credentials; 5xx is the endpoint's trouble.
                if ((int)response.StatusCode is >= 400 and < 500 && body?.Error is { } error)
                    throw new MailboxAuthenticationException(Advice(error, body.ErrorDescription));
                throw new HttpRequestException($"token endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            _accessToken = body.AccessToken;
            _expiresAt = clock.GetUtcNow().AddSeconds(body.ExpiresIn > 0 ? body.ExpiresIn : 3600);
            return _accessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Forget the cached token, e.g. after the server rejected it.
    public void Invalidate() => _accessToken = null;

    private static async Task<TokenResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Advice(string error, string? description) => error == "invalid_grant"
        ? $"the OAuth2 refresh token was rejected (invalid_grant{(description is null ? "" : ": " + description)}). It expired or was revoked — " +
          "Google revokes refresh tokens of apps left in \"Testing\" after 7 days and when the password changes. " +
          "Publish the OAuth consent screen to Production, obtain a new refresh token (docs/imap.md) and set EVIDENCEMAIL_Mailbox__OAuth2__RefreshToken."
        : $"the OAuth2 token endpoint rejected the client ({error}{(description is null ? "" : ": " + description)}). " +
          "Check EVIDENCEMAIL_Mailbox__OAuth2__ClientId and ClientSecret (docs/imap.md).";

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
