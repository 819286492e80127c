using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace EvidenceMailWorker.Tests.Operations;

// A backlog's raw messages stream through the write buffer and every message runs the same dozen
// statements: the worker's defaults for both must reach the connections, and an admin's own values
// in Database:ConnectionString must win over them.
public class PostgresConnectionTuningTests
{
    [Fact]
    public async Task Connections_get_the_backlog_defaults_unless_the_connection_string_sets_its_own()
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("tuning");

        Assert.Equal((256 * 1024, 64), await SettingsAsync(connectionString));
        Assert.Equal((16384, 0), await SettingsAsync(connectionString + ";Write Buffer Size=16384;Max Auto Prepare=0"));
        Assert.Equal((32768, 64), await SettingsAsync(connectionString + ";writebuffersize=32768"));
    }

    private static async Task<(int WriteBuffer, int AutoPrepare)> SettingsAsync(string connectionString)
    {
        await using var database = new Database(DatabaseProvider.Postgres, connectionString);
        await using var connection = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None);
        var used = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        return (used.WriteBufferSize, used.MaxAutoPrepare);
    }
}
