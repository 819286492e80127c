using System.Data.Common;
using EvidenceMailWorker.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EvidenceMailWorker.Storage;

// The one place that knows how to open a connection for the configured provider. Everything above
// it speaks Dapper over DbConnection and asks Dialect for the few statements that differ.
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;

    public Database(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Postgres)
            _postgres = NpgsqlDataSource.Create(Tuned(connectionString));
        else
            ConnectionString = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true }.ToString();
        Dialect = provider == DatabaseProvider.Postgres ? new PostgresDialect() : new SqliteDialect();
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public ISqlDialect Dialect { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(cancellationToken);

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL lets `submissions` read while an import writes; a 30 s busy wait rides out the writer.
        // 16 KiB pages (only a new file takes them; the migrator opens it here first) carry a blob
        // in a quarter of the overflow pages 4 KiB would; larger pages measured no better
        // (docs/performance.md). synchronous=NORMAL: in WAL mode a commit survives a process crash.
        pragma.CommandText = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA mmap_size=0; PRAGMA cache_size=-2000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    // Defaults measured on a backlog (docs/performance.md), each kept when the connection string sets
    // it: a raw message streams to PostgreSQL through the write buffer, and 8 KB meant one send per
    // 8 KB (78,000 for 512 MiB of mail, a third of the worker's system time); the dozen statements
    // each message runs are prepared once per connection instead of parsed every time.
    private static string Tuned(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey is true for every keyword it knows, set or not,
        // so what the user wrote is read with the plain builder.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!written.Contains("WriteBufferSize"))
            builder.WriteBufferSize = 256 * 1024;
        if (!written.Contains("MaxAutoPrepare"))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
    }
}
