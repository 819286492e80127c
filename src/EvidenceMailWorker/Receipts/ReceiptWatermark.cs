using System.Globalization;
using Dapper;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Receipts;

// From when on mail is answered: the first start of the worker (`run` or `ingest --once`) on this
// database, stored there so that a restart, a second process or another verb keeps the same line.
// The first start on a mailbox ingests months of submissions; that backlog is archived silently.
public sealed class ReceiptWatermark(Database database, ReceiptPolicy policy, TimeProvider clock)
{
    private const string Name = "receipts-from";

    // Sets the watermark unless one is stored already, and answers mail from it on.
    public async Task<DateTimeOffset> EstablishAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO worker_state (name, value) VALUES (@Name, @Value) ON CONFLICT (name) DO NOTHING",
            new { Name, Value = clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken));
        var from = (await ReadAsync(connection, cancellationToken))!.Value;
        policy.SendFrom(from);
        return from;
    }

    // For verbs that do not start the worker (`import`): answers mail after an existing watermark
    // (the running worker sends those answers), nothing when the worker never ran.
    public async Task<DateTimeOffset?> FollowAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var from = await ReadAsync(connection, cancellationToken);
        if (from is { } f)
            policy.SendFrom(f);
        return from;
    }

    private static async Task<DateTimeOffset?> ReadAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var value = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT value FROM worker_state WHERE name = @Name", new { Name }, cancellationToken: cancellationToken));
        return value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
