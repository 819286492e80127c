using System.Net.Http.Json;
using System.Text.Json.Serialization;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Outbound;

// Trades the configured refresh token for a short-lived access token (RFC 6749 §6), cached until
// a minute before it expires. Gmail's SMTP takes that token through XOAUTH2.
public sealed class OAuth2TokenProvider(HttpClient http, TimeProvider clock)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string RefreshToken, string AccessToken, DateTimeOffset ExpiresAt)? _cached;

    public async Task<string> AccessTokenAsync(OAuth2Options options, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_cached is { } c && c.RefreshToken == options.RefreshToken && now < c.ExpiresAt - Margin)
                return c.AccessToken;

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = options.RefreshToken,
                ["client_id"] = options.ClientId,
                ["client_secret"] = options.ClientSecret,
            });
            using var response = await http.PostAsync(options.TokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException(
                    $"OAuth2 token endpoint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new InvalidOperationException("OAuth2 token endpoint returned no body");
            if (string.IsNullOrEmpty(token.AccessToken))
                throw new InvalidOperationException("OAuth2 token endpoint returned no access_token");
            _cached = (options.RefreshToken, token.AccessToken, now + TimeSpan.FromSeconds(token.ExpiresIn > 0 ? token.ExpiresIn : 3600));
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class TokenResponse
    {
        [JsonPropertyName("access_token")]
        public string AccessToken { get; set; } = "";

        [JsonPropertyName("expires_in")]
        public int ExpiresIn { get; set; }
    }
}
