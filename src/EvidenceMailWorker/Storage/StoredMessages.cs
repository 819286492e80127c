using Dapper;

namespace EvidenceMailWorker.Storage;

// Every stored message, for re-running the rules over the whole archive (`reprocess`).
public sealed class StoredMessages(Database database)
{
    public async Task<IReadOnlyList<PendingMessage>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string RawSha256, string Source, object ReceivedAt, int Attempts)>(new CommandDefinition(
            "SELECT id, raw_sha256, source, received_at, attempts FROM messages ORDER BY id", cancellationToken: cancellationToken));
        return rows.Select(r => new PendingMessage(r.Id, r.RawSha256, r.Source, SqliteTime.Parse(r.ReceivedAt), r.Attempts)).ToList();
    }
}
