using Microsoft.Data.Sqlite;
using Npgsql;

namespace EvidenceMailWorker.Storage;

// Tells "the database is down or out of room" from every other failure, so that the worker says
// which thing is broken and waits for the right one instead of blaming (and hammering) the mailbox.
public static class DatabaseFaults
{
    private const int SqliteBusy = 5, SqliteIoErr = 10, SqliteFull = 13, SqliteCantOpen = 14;
    private const int NoSpaceLeftOnDevice = 28, DiskQuotaExceeded = 122;

    public static bool IsUnavailable(Exception e) => Chain(e).Any(x => x switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState == "53300",
        NpgsqlException => true, // no server answer at all: refused, reset, timed out
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteIoErr or SqliteCantOpen,
        _ => false,
    });

    // The disk (the database's, the spool's or the data folder's) is full.
    public static bool IsDiskFull(Exception e) => Chain(e).Any(x => x switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        PostgresException pg => pg.SqlState == "53100", // disk_full
        IOException io => (io.HResult & 0xFFFF) is NoSpaceLeftOnDevice or DiskQuotaExceeded || io.HResult == unchecked((int)0x80070070),
        _ => false,
    });

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                    yield return inner;
            yield return x;
        }
    }
}
