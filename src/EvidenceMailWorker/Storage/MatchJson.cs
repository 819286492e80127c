using System.Data.Common;
using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Storage;

// How matching results are stored: code lists as JSON arrays in TEXT columns (both providers read
// them the same way), links as rows of their own.
public static class MatchJson
{
    public static string Codes(IReadOnlyList<string>? codes) => JsonSerializer.Serialize(codes ?? []);

    public static IReadOnlyList<string> Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    // A reprocess or retry replaces the links an earlier attempt stored.
    public static async Task ReplaceLinksAsync(DbConnection connection, DbTransaction transaction, long messageId, IReadOnlyList<LinkMatch> links, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM links WHERE message_id = @messageId", new { messageId }, transaction, cancellationToken: cancellationToken));
        for (var ordinal = 0; ordinal < links.Count; ordinal++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO links (message_id, ordinal, url, criteria, units) VALUES (@messageId, @ordinal, @Url, @Criteria, @Units)",
                new { messageId, ordinal, Url = StoredText.Clean(links[ordinal].Url), Criteria = Codes(links[ordinal].Match.Criteria), Units = Codes(links[ordinal].Match.Units) },
                transaction, cancellationToken: cancellationToken));
        }
    }
}
