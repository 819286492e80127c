using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace EvidenceMailWorker.Storage;

// The statements whose SQL or mechanics differ between PostgreSQL and SQLite: streaming blobs in and out.
public interface ISqlDialect
{
    // Stores content under its SHA-256 unless already present; streams, never buffers the whole file.
    Task InsertBlobIfAbsentAsync(DbConnection connection, DbTransaction transaction, string sha256, long size, Stream content, DateTime nowUtc, CancellationToken cancellationToken);

    // Copies a stored blob to destination, streaming.
    Task<bool> CopyBlobToAsync(DbConnection connection, string sha256, Stream destination, CancellationToken cancellationToken);

    // A UTC instant as this provider stores it.
    object Time(DateTime utc);
}

public sealed class PostgresDialect : ISqlDialect
{
    public object Time(DateTime utc) => DateTime.SpecifyKind(utc.ToUniversalTime(), DateTimeKind.Utc);

    public async Task InsertBlobIfAbsentAsync(DbConnection connection, DbTransaction transaction, string sha256, long size, Stream content, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("sha256", sha256);
        parameters.Add("size", size);
        // An explicit DbType keeps Dapper from rejecting the Stream; Npgsql then sends a seekable
        // stream directly instead of copying it into memory.
        parameters.Add("content", content, DbType.Binary);
        parameters.Add("now", nowUtc);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO blobs (sha256, size, content, created_at) VALUES (@sha256, @size, @content, @now) ON CONFLICT (sha256) DO NOTHING",
            parameters, transaction, cancellationToken: cancellationToken));
    }

    public async Task<bool> CopyBlobToAsync(DbConnection connection, string sha256, Stream destination, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT content FROM blobs WHERE sha256 = @sha256";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "sha256";
        parameter.Value = sha256;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return false;
        await using var stream = reader.GetStream(0);
        await stream.CopyToAsync(destination, cancellationToken);
        return true;
    }
}

public sealed class SqliteDialect : ISqlDialect
{
    public object Time(DateTime utc) => SqliteTime.Format(utc);

    public async Task InsertBlobIfAbsentAsync(DbConnection connection, DbTransaction transaction, string sha256, long size, Stream content, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // zeroblob + incremental blob I/O is SQLite's streaming write; a byte[] parameter would hold the file in memory.
        var rowId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "INSERT INTO blobs (sha256, size, created_at, content) VALUES (@sha256, @size, @now, zeroblob(@size)) ON CONFLICT (sha256) DO NOTHING RETURNING rowid",
            new { sha256, size, now = SqliteTime.Format(nowUtc) }, transaction, cancellationToken: cancellationToken));
        if (rowId is null)
            return;
        await using var blob = new SqliteBlob((SqliteConnection)connection, "blobs", "content", rowId.Value);
        await content.CopyToAsync(blob, cancellationToken);
    }

    public async Task<bool> CopyBlobToAsync(DbConnection connection, string sha256, Stream destination, CancellationToken cancellationToken)
    {
        var rowId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT rowid FROM blobs WHERE sha256 = @sha256", new { sha256 }, cancellationToken: cancellationToken));
        if (rowId is null)
            return false;
        await using var blob = new SqliteBlob((SqliteConnection)connection, "blobs", "content", rowId.Value, readOnly: true);
        await blob.CopyToAsync(destination, cancellationToken);
        return true;
    }
}

// SQLite keeps times as UTC text that sorts chronologically; Npgsql takes DateTime (Kind=Utc) directly.
public static class SqliteTime
{
    public static string Format(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture);

    // Reads back either shape (DateTime from Npgsql, text from SQLite) as UTC.
    public static DateTime Parse(object value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        string s => DateTime.SpecifyKind(DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
        _ => throw new InvalidCastException($"not a stored time: {value.GetType().Name}"),
    };
}
