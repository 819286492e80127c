using DbUp;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvidenceMailWorker.Tests.Support;

// A fresh, migrated database of either provider: the same tests run against both.
public static class TestDatabase
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    // before: stop short of the migration script whose name starts so ("0011"), to test upgrading
    // a database an older version wrote.
    public static async Task<Database> CreateAsync(DatabaseProvider provider, string folder, string? before = null)
    {
        var connectionString = provider == DatabaseProvider.Postgres
            ? await PostgresServer.Instance.CreateDatabaseAsync("archive")
            : $"Data Source={Path.Combine(folder, "evidence.db")}";
        var database = new Database(provider, connectionString);
        if (before is null)
            await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        else
            MigrateBefore(database, before);
        return database;
    }

    private static void MigrateBefore(Database database, string before)
    {
        var folder = database.Provider == DatabaseProvider.Postgres ? ".Migrations.Postgres." : ".Migrations.Sqlite.";
        var builder = database.Provider == DatabaseProvider.Postgres
            ? DeployChanges.To.PostgresqlDatabase(database.ConnectionString)
            : DeployChanges.To.SqliteDatabase(database.ConnectionString);
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly,
                name => name.Contains(folder, StringComparison.Ordinal) && string.CompareOrdinal(name[(name.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..], before) < 0)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }
}
