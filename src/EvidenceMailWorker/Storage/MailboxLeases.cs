using System.Security.Cryptography;
using System.Text;
using EvidenceMailWorker.Configuration;
using Npgsql;

namespace EvidenceMailWorker.Storage;

// Exactly one process polls a mailbox folder at a time. On PostgreSQL the lease is a session
// advisory lock held on a connection of its own: the server drops it the moment that connection
// does, so a killed holder's lease is free at once (a hung one's when its TCP connection times out).
// On SQLite one `run` per data folder (DataFolderLock) already makes the worker the only poller.
public sealed class MailboxLeases(Database database)
{
    public async Task<MailboxLease?> TryTakeAsync(string account, string folder, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return new MailboxLease(null);
        // Unpooled: a pooled connection would outlive Dispose, and the lock with it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key(account, folder));
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
                return new MailboxLease(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    // Not the migration lock's key space: derived from the mailbox, so different mailboxes never collide in practice.
    private static long Key(string account, string folder) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"mailbox-lease\n{account}\n{folder}")), 0);
}

public sealed class MailboxLease(NpgsqlConnection? connection) : IAsyncDisposable
{
    // False once the lock's connection is gone (the server has then released the lock to others).
    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        if (connection is null)
            return true;
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
            await connection.DisposeAsync(); // closing the session releases the advisory lock
    }
}

public sealed class MailboxLeaseLostException()
    : Exception("the mailbox lease was lost (its database connection dropped); taking it again before polling on");
