using System.Data.Common;
using Dapper;
using EvidenceMailWorker.Storage;
using MimeKit;

namespace EvidenceMailWorker.Receipts;

// Reads what is owed, and closes it in the same transaction that enqueues the answer.
public sealed class PendingReceiptStore(Database database)
{
    // Enough of a raw message to hold its whole header block; the body is never needed here.
    private const int HeaderBytes = 256 * 1024;

    public async Task<IReadOnlyList<PendingReceipt>> OpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long MessageId, string Kind, string Sender, object ReceivedAt, object CreatedAt)>(new CommandDefinition(
            "SELECT message_id, kind, sender, received_at, created_at FROM receipt_pending WHERE done_at IS NULL ORDER BY message_id",
            cancellationToken: cancellationToken));
        return rows.Select(r => new PendingReceipt(r.MessageId, r.Kind, r.Sender, SqliteTime.Parse(r.ReceivedAt), SqliteTime.Parse(r.CreatedAt))).ToList();
    }

    public static async Task MarkDoneAsync(DbConnection connection, DbTransaction transaction, Database database,
        IEnumerable<long> messageIds, string outboxKey, DateTime nowUtc, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE receipt_pending SET done_at = @Now, outbox_key = @outboxKey WHERE message_id = @id AND done_at IS NULL",
            messageIds.Select(id => new { id, outboxKey, Now = database.Dialect.Time(nowUtc) }),
            transaction, cancellationToken: cancellationToken));

    // The stored message's own headers, for threading (References is not kept in a column).
    public async Task<HeaderList> HeadersAsync(long messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var head = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT substr(b.content, 1, @HeaderBytes) FROM messages m JOIN blobs b ON b.sha256 = m.raw_sha256 WHERE m.id = @messageId",
            new { messageId, HeaderBytes }, cancellationToken: cancellationToken));
        if (head is null)
            return [];
        try
        {
            using var stream = new MemoryStream(head);
            return await HeaderList.LoadAsync(stream, cancellationToken);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    // Clusters of a batch's messages: the sender may be staff forwarding for more than one cluster.
    public async Task<IReadOnlyList<string?>> ClustersAsync(IReadOnlyList<long> messageIds, CancellationToken cancellationToken)
    {
        // One look-up per message: batches are a handful, and it keeps the SQL the same on both providers.
        await using var connection = await database.OpenAsync(cancellationToken);
        var clusters = new List<string?>();
        foreach (var id in messageIds)
        {
            var cluster = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT cluster_id FROM messages WHERE id = @id", new { id }, cancellationToken: cancellationToken));
            if (!clusters.Contains(cluster))
                clusters.Add(cluster);
        }
        return clusters;
    }
}
