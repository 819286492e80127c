using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Hosting;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;

namespace EvidenceMailWorker.Tests.Health;

// The worker's own host (WorkerHost, as `run` composes it: mailbox watcher, outbox, receipts,
// configuration recorder, /healthz on Kestrel) built in this process on a FakeTimeProvider, so a
// test can move the clock past the staleness limit. Everything else is real: the database of
// either provider, Dovecot behind a TcpProxy, Kestrel on a free loopback port.
public sealed class HealthHost : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly IHost _host;

    private HealthHost(IHost host, Database database, FakeTimeProvider clock, string url, TempFolder folder)
    {
        _host = host;
        Database = database;
        Clock = clock;
        Url = url;
        _folder = folder;
    }

    public Database Database { get; }
    public FakeTimeProvider Clock { get; }
    public string Url { get; }
    public IServiceProvider Services => _host.Services;

    // overrides: the test's own --Section:Key=value settings (mailbox, outbox).
    // No outbox delivery runs in this host (that is a job on the Quartz scheduler of `run`): a test that
    // needs a delivery drives it pass by pass, on the fake clock.
    public static async Task<HealthHost> StartAsync(DatabaseProvider provider, params string[] overrides)
    {
        var folder = new TempFolder();
        var url = $"http://127.0.0.1:{PostfixServer.FreePort()}";
        string[] database = provider == DatabaseProvider.Postgres
            ? ["--Database:Provider=Postgres", $"--Database:ConnectionString={await PostgresServer.Instance.CreateDatabaseAsync("health")}"]
            : [];
        var configuration = ConfigurationLoader.Build(RepositoryRoot.Config,
            [$"--Storage:DataDirectory={folder.Combine("data")}", $"--Health:Url={url}", "--Health:MailboxStaleMinutes=30", .. database, .. overrides],
            reloadOnChange: false);
        Assert.Empty(ConfigurationProblems.Find(configuration));
        var paths = ResolvedPaths.Resolve(configuration);
        Directory.CreateDirectory(paths.SpoolFolder);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 8, 2, 0, 0, TimeSpan.Zero));
        var builder = WorkerHost.CreateBuilder(configuration, paths, LogEventLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddHostedService<MailboxWatcherService>();
        builder.Services.AddHealthReporting(new HealthOptions { Url = url });
        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await host.StartAsync();
        return new HealthHost(host, host.Services.GetRequiredService<Database>(), clock, url, folder);
    }

    public async Task<(int Code, JsonElement Body)> GetHealthAsync()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(Url + "/healthz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return ((int)response.StatusCode, body);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    // Waits for an event in the database (a row reaching a state); the deadline only stops a hung test.
    public async Task WaitUntilAsync(string sql, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await ScalarAsync<long>(sql) == 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(what);
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await _host.StopAsync(stop.Token);
        _host.Dispose();
        await Database.DisposeAsync();
        _folder.Dispose();
    }
}
