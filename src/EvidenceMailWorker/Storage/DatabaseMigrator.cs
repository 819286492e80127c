using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using EvidenceMailWorker.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EvidenceMailWorker.Storage;

// Applies the versioned SQL scripts embedded under Storage/Migrations/<Provider>/ with DbUp, which
// journals what ran so each script runs once per database.
public sealed class DatabaseMigrator(Database database, ILogger<DatabaseMigrator> logger)
{
    // Several workers may start together against one PostgreSQL; this lock makes them migrate one by one.
    private const long PostgresMigrationLockKey = 0x45_76_69_64_65_6E_63_65; // "Evidence"

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var folder = database.Provider == DatabaseProvider.Postgres ? ".Migrations.Postgres." : ".Migrations.Sqlite.";
        if (database.Provider == DatabaseProvider.Postgres)
        {
            EnsureDatabase.For.PostgresqlDatabase(database.ConnectionString, new DbUpLog(logger));
            await using var lockConnection = new NpgsqlConnection(database.ConnectionString);
            await lockConnection.OpenAsync(cancellationToken);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresMigrationLockKey})", lockConnection))
                await take.ExecuteNonQueryAsync(cancellationToken);
            try
            {
                return Run(DeployChanges.To.PostgresqlDatabase(database.ConnectionString), folder);
            }
            finally
            {
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgresMigrationLockKey})", lockConnection);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        // A new file gets its page size and WAL mode before the first table fixes them (Database.OpenAsync sets both).
        await using (await database.OpenAsync(cancellationToken))
        {
        }
        return Run(DeployChanges.To.SqliteDatabase(database.ConnectionString), folder);
    }

    private IReadOnlyList<string> Run(DbUp.Builder.UpgradeEngineBuilder builder, string folder)
    {
        var result = builder
            .WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, name => name.Contains(folder, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogTo(new DbUpLog(logger))
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
            throw new MigrationFailedException(result.ErrorScript?.Name, result.Error);
        return result.Scripts.Select(s => s.Name).ToList();
    }

    private sealed class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);
        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogInformation(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
        public void LogError(string format, params object[] args) => logger.LogError(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}

public sealed class MigrationFailedException(string? script, Exception? inner)
    : Exception($"database migration {script ?? "(unknown script)"} failed: {inner?.Message}", inner);
