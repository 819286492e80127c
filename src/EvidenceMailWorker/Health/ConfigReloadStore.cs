using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Health;

// The running workers' configuration states, one worker_state row each (`config-reload/<worker>`),
// so `status` (another process) can show them. A worker is named by its machine and data folder:
// a restart replaces its row instead of adding one.
public sealed class ConfigReloadStore(Database database)
{
    private const string Prefix = "config-reload/";

    public async Task SaveAsync(ConfigReloadRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO worker_state (name, value) VALUES (@Name, @Value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { Name = Prefix + record.Worker, Value = JsonSerializer.Serialize(record, JsonOutput.Records) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ConfigReloadRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var values = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT value FROM worker_state WHERE name LIKE 'config-reload/%' ORDER BY name", cancellationToken: cancellationToken));
        return values.Select(v => JsonSerializer.Deserialize<ConfigReloadRecord>(v, JsonOutput.Records)!).ToList();
    }
}
