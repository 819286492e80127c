using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvidenceMailWorker.Tests.Support;

// A fresh, migrated database of either provider: the same tests run against both.
public static class TestDatabase
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    public static async Task<Database> CreateAsync(DatabaseProvider provider, string folder)
    {
        var connectionString = provider == DatabaseProvider.Postgres
            ? await PostgresServer.Instance.CreateDatabaseAsync("archive")
            : $"Data Source={Path.Combine(folder, "evidence.db")}";
        var database = new Database(provider, connectionString);
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return database;
    }
}
