using EvidenceMailWorker.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Health;

// `run` with Health:Url set: GET /healthz on Kestrel at exactly that address, answering the status
// JSON with 200 when healthy and 503 when not (HealthRules), or when the database cannot be read.
// An empty web application (no configuration sources, no other endpoints), so nothing of ASP.NET
// Core's defaults (appsettings.json in the current folder, ASPNETCORE_URLS) changes what it does.
public sealed class HealthEndpoint(IOptions<HealthOptions> options, WorkerStatusReader reader, TimeProvider clock, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    public const string Path = "/healthz";

    private WebApplication? _app;
    private DateTimeOffset _since;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _since = clock.GetUtcNow();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls(options.Value.Url);
        builder.Services.AddRoutingCore();
        // The worker's own Serilog pipeline: Kestrel's warnings land in the worker's log.
        builder.Services.AddSingleton(loggers);
        _app = builder.Build();
        _app.MapGet(Path, AnswerAsync);
        await _app.StartAsync(cancellationToken);
        loggers.CreateLogger<HealthEndpoint>().LogInformation("Health endpoint: GET {Url}", options.Value.Url.TrimEnd('/') + Path);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var stale = TimeSpan.FromMinutes(options.Value.MailboxStaleMinutes);
        var body = new MemoryStream();
        int code;
        try
        {
            var status = await reader.ReadAsync(context.RequestAborted);
            var verdict = HealthRules.Judge(status, stale, _since);
            StatusJson.Write(body, status, verdict, stale);
            code = verdict.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            body.SetLength(0);
            StatusJson.WriteUnreadable(body, clock.GetUtcNow(), $"the database cannot be read: {e.Message}", stale);
            code = StatusCodes.Status503ServiceUnavailable;
        }
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
            await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
