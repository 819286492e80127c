using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Auth;

// Exchanges a configured refresh token for short-lived access tokens (RFC 6749 §6) for XOAUTH2, on
// IMAP and SMTP alike, and reuses each until shortly before it expires so every (re)connect
// presents a valid token.
public sealed class OAuth2TokenClient(HttpClient http, TimeProvider clock)
{
    // A token must outlive the connect and authenticate round trips that follow.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, (string AccessToken, DateTimeOffset ExpiresAt)> _cache = new(StringComparer.Ordinal);

    // section names the configuration the options came from ("Mailbox", "Outbox"), for the advice
    // given when Google rejects the grant.
    public async Task<string> GetAccessTokenAsync(OAuth2Options options, string section, CancellationToken cancellationToken)
    {
        var key = $"{options.TokenEndpoint}\n{options.ClientId}\n{options.RefreshToken}";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cache.TryGetValue(key, out var cached) && clock.GetUtcNow() < cached.ExpiresAt - RefreshMargin)
                return cached.AccessToken;
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = options.RefreshToken,
                ["client_id"] = options.ClientId,
            };
            if (!string.IsNullOrEmpty(options.ClientSecret))
                form["client_secret"] = options.ClientSecret;
            using var response = await http.PostAsync(options.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
            var body = await ReadAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(body?.AccessToken))
            {
                // 4xx with an OAuth error code is a verdict on our credentials; 5xx is the endpoint's trouble.
                if ((int)response.StatusCode is >= 400 and < 500 && body?.Error is { } error)
                    throw new CredentialsRejectedException(Advice(error, body.ErrorDescription, section));
                throw new HttpRequestException($"token endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            _cache[key] = (body.AccessToken, clock.GetUtcNow().AddSeconds(body.ExpiresIn > 0 ? body.ExpiresIn : 3600));
            return body.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Forget cached tokens, e.g. after a server rejected one.
    public void Invalidate() => _cache.Clear();

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

    private static string Advice(string error, string? description, string section) => error == "invalid_grant"
        ? $"the OAuth2 refresh token was rejected (invalid_grant{(description is null ? "" : ": " + description)}). It expired or was revoked — " +
          "Google revokes refresh tokens of apps left in \"Testing\" after 7 days and when the password changes. " +
          $"Publish the OAuth consent screen to Production, obtain a new refresh token (docs/imap.md) and set EVIDENCEMAIL_{section}__OAuth2__RefreshToken."
        : $"the OAuth2 token endpoint rejected the client ({error}{(description is null ? "" : ": " + description)}). " +
          $"Check EVIDENCEMAIL_{section}__OAuth2__ClientId and ClientSecret (docs/imap.md).";

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
