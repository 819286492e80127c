using Microsoft.Data.Sqlite;

namespace EvidenceMailWorker.Tests.Support;

// Reads a worker process's SQLite database from outside, without holding it open.
public static class SqliteProbe
{
    public static async Task<long> CountAsync(string database, string sql)
    {
        if (!File.Exists(database))
            return 0;
        try
        {
            await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        catch (SqliteException)
        {
            return 0; // not migrated yet
        }
    }
}
