using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Demo;

// One outbox row as the demo left it.
public sealed record OutboxRow(string Purpose, string Key, IReadOnlyList<string> Recipients);

// What one `demo --json` run left: its folder, its printed report and its outbox rows in creation order.
public sealed record DemoOutcome(string Folder, JsonElement Report, IReadOnlyList<OutboxRow> Outbox)
{
    public IReadOnlyList<string> Keys(string purpose) => Outbox.Where(r => r.Purpose == purpose).Select(r => r.Key).ToList();
}

// The real executable's `demo`, run once per database provider for all the tests of DemoTests (each
// run plays the whole campaign; the assertions only read what it left).
public sealed class DemoRuns : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<DatabaseProvider, Lazy<Task<DemoOutcome>>> _runs;

    public DemoRuns() => _runs = new()
    {
        [DatabaseProvider.Sqlite] = new(() => RunAsync(DatabaseProvider.Sqlite)),
        [DatabaseProvider.Postgres] = new(() => RunAsync(DatabaseProvider.Postgres)),
    };

    public Task<DemoOutcome> Of(DatabaseProvider provider) => _runs[provider].Value;

    public string Scratch => _folder.Path;

    public void Dispose() => _folder.Dispose();

    private async Task<DemoOutcome> RunAsync(DatabaseProvider provider)
    {
        var folder = _folder.Combine(provider.ToString().ToLowerInvariant());
        string[] args = ["demo", "--out", folder, "--json"];
        string connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            // Only what the demo's own command line says overrides its embedded defaults.
            connectionString = await PostgresServer.Instance.CreateDatabaseAsync("demo");
            args = [.. args, "--Database:Provider=Postgres", $"--Database:ConnectionString={connectionString}"];
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(folder, ResolvedPaths.SqliteFileName)}";
        }
        var run = await WorkerProcess.RunAsync(_folder.Path, args);
        Assert.True(run.ExitCode == 0, $"demo exited {run.ExitCode}:\n{run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);

        await using var database = new Database(provider, connectionString);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string Purpose, string Key, string Recipients)>(
            "SELECT purpose, idempotency_key, recipients FROM outbox ORDER BY id");
        return new DemoOutcome(folder, json.RootElement.Clone(),
            rows.Select(r => new OutboxRow(r.Purpose, r.Key, JsonSerializer.Deserialize<List<string>>(r.Recipients)!)).ToList());
    }
}
