using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Storage;

public static class DatabaseFactory
{
    // An empty connection string means the embedded default: a SQLite file in the data directory.
    public static Database Create(DatabaseOptions options, string dataDirectory)
    {
        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (options.Provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
            Directory.CreateDirectory(dataDirectory);
            connectionString = $"Data Source={Path.Combine(dataDirectory, "evidence.db")}";
        }
        return new Database(options.Provider, connectionString);
    }
}
