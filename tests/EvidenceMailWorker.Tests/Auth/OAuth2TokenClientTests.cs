using System.Net;
using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Auth;
using Microsoft.Extensions.Time.Testing;

namespace EvidenceMailWorker.Tests.Auth;

// The refresh-token exchange of XOAUTH2 (IMAP and SMTP), against a stand-in token endpoint.
public sealed class OAuth2TokenClientTests
{
    private static readonly MailboxOptions Options = new()
    {
        Username = "huyendoan@gmail.com",
        OAuth2 = new OAuth2Options { ClientId = "client", ClientSecret = "secret", RefreshToken = "refresh", TokenEndpoint = "https://token.example/token" },
    };

    [Fact]
    public async Task An_access_token_is_reused_until_shortly_before_it_expires_then_refreshed()
    {
        var endpoint = new Endpoint(HttpStatusCode.OK, """{"access_token":"at-1","expires_in":3600,"token_type":"Bearer"}""");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new OAuth2TokenClient(new HttpClient(endpoint), clock);

        Assert.Equal("at-1", await tokens.GetAccessTokenAsync(Options.OAuth2, "Mailbox", CancellationToken.None));
        Assert.Equal("at-1", await tokens.GetAccessTokenAsync(Options.OAuth2, "Mailbox", CancellationToken.None));
        Assert.Equal(1, endpoint.Calls);
        Assert.Contains("grant_type=refresh_token", endpoint.LastBody);
        Assert.Contains("refresh_token=refresh", endpoint.LastBody);

        clock.Advance(TimeSpan.FromMinutes(56));
        await tokens.GetAccessTokenAsync(Options.OAuth2, "Mailbox", CancellationToken.None);
        Assert.Equal(2, endpoint.Calls);
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_an_authentication_failure_that_says_what_to_do()
    {
        var endpoint = new Endpoint(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}""");
        var tokens = new OAuth2TokenClient(new HttpClient(endpoint), TimeProvider.System);

        var e = await Assert.ThrowsAsync<CredentialsRejectedException>(() => tokens.GetAccessTokenAsync(Options.OAuth2, "Mailbox", CancellationToken.None));
        Assert.Contains("invalid_grant", e.Message);
        Assert.Contains("Production", e.Message);
        Assert.Contains("EVIDENCEMAIL_Mailbox__OAuth2__RefreshToken", e.Message);
    }

    [Fact]
    public async Task A_failing_token_endpoint_is_a_transient_error_not_an_authentication_failure()
    {
        var endpoint = new Endpoint(HttpStatusCode.ServiceUnavailable, "busy");
        var tokens = new OAuth2TokenClient(new HttpClient(endpoint), TimeProvider.System);

        await Assert.ThrowsAsync<HttpRequestException>(() => tokens.GetAccessTokenAsync(Options.OAuth2, "Mailbox", CancellationToken.None));
    }

    private sealed class Endpoint(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public int Calls { get; private set; }
        public string LastBody { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
