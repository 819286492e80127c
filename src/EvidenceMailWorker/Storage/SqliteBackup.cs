using Dapper;
using Microsoft.Data.Sqlite;

namespace EvidenceMailWorker.Storage;

public sealed record BackupResult(string Path, long Bytes, long Messages, long Blobs);

// `backup` on SQLite: SQLite's online backup API (sqlite3_backup_*) copies a consistent snapshot page
// by page while the worker keeps writing. The copy is written beside its final name, switched out of
// WAL mode (one self-contained file), checked with PRAGMA integrity_check, and only then renamed.
public static class SqliteBackup
{
    public static async Task<BackupResult> WriteAsync(Database database, string path, CancellationToken cancellationToken)
    {
        var part = path + ".part";
        File.Delete(part);
        try
        {
            await using (var source = (SqliteConnection)await database.OpenAsync(cancellationToken))
            await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = part, Pooling = false }.ToString()))
            {
                await target.OpenAsync(cancellationToken);
                source.BackupDatabase(target);
                await target.ExecuteAsync("PRAGMA journal_mode=DELETE");
                var check = (await target.QueryAsync<string>("PRAGMA integrity_check")).ToList();
                if (check is not ["ok"])
                    throw new InvalidDataException($"the backup copy failed SQLite's integrity check: {string.Join("; ", check.Take(5))}");
            }
            File.Move(part, path, overwrite: true);
            await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await copy.OpenAsync(cancellationToken);
            var messages = await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages");
            var blobs = await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM blobs");
            return new BackupResult(path, new FileInfo(path).Length, messages, blobs);
        }
        finally
        {
            File.Delete(part);
        }
    }
}
