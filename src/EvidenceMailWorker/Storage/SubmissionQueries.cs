using System.Text.Json;
using Dapper;

namespace EvidenceMailWorker.Storage;

public sealed record SubmissionFilter(string? Status = null, string? Cluster = null, string? Period = null);

public sealed record AttachmentRecord(
    string FileName, string OriginalFileName, string DeclaredContentType, string DetectedContentType,
    long Size, string Sha256, string? ArchivePath, IReadOnlyList<string> Criteria, IReadOnlyList<string> Units);

public sealed record LinkRecord(string Url, IReadOnlyList<string> Criteria, IReadOnlyList<string> Units);

public sealed record SubmissionRecord(
    long Id, string? MessageId, DateTime ReceivedAtUtc, string? From, string? FromName, string? OriginalFrom,
    string? Subject, string Status, string? Reason, string? Error, string? Cluster, string? Unit, string? Track,
    string? Period, bool? Late, IReadOnlyList<AttachmentRecord> Attachments)
{
    public IReadOnlyList<LinkRecord> Links { get; init; } = [];
}

// Reads submissions back for `submissions`, reports and receipts.
public sealed class SubmissionQueries(Database database)
{
    private const string Where = """
        WHERE (@Status IS NULL OR m.status = @Status)
          AND (@Cluster IS NULL OR m.cluster_id = @Cluster)
          AND (@Period IS NULL OR m.period_id = @Period)
        """;

    public async Task<IReadOnlyList<SubmissionRecord>> ListAsync(SubmissionFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var messages = (await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            SELECT m.id AS Id, m.message_id AS MessageId, m.received_at AS ReceivedAt, m.from_address AS FromAddress,
                   m.from_name AS FromName, m.original_from AS OriginalFrom, m.subject AS Subject, m.status AS Status,
                   m.reason AS Reason, m.error AS Error, m.cluster_id AS ClusterId, m.unit_id AS UnitId,
                   m.track_id AS TrackId, m.period_id AS PeriodId, m.late AS Late
            FROM messages m {Where}
            ORDER BY m.received_at, m.id
            """, filter, cancellationToken: cancellationToken))).ToList();

        var attachments = (await connection.QueryAsync<AttachmentRow>(new CommandDefinition(
            $"""
            SELECT a.message_id AS MessageId, a.ordinal AS Ordinal, a.file_name AS FileName,
                   a.original_file_name AS OriginalFileName, a.content_type AS ContentType,
                   a.detected_type AS DetectedType, a.size AS Size, a.sha256 AS Sha256,
                   a.archive_path AS ArchivePath, a.criteria AS Criteria, a.units AS Units
            FROM attachments a JOIN messages m ON m.id = a.message_id {Where}
            ORDER BY a.message_id, a.ordinal
            """, filter, cancellationToken: cancellationToken)))
            .ToLookup(a => a.MessageId);

        var links = (await connection.QueryAsync<(long MessageId, string Url, string Criteria, string Units)>(new CommandDefinition(
            $"""
            SELECT l.message_id, l.url, l.criteria, l.units
            FROM links l JOIN messages m ON m.id = l.message_id {Where}
            ORDER BY l.message_id, l.ordinal
            """, filter, cancellationToken: cancellationToken)))
            .ToLookup(l => l.MessageId, l => new LinkRecord(l.Url, MatchJson.Parse(l.Criteria), MatchJson.Parse(l.Units)));

        return messages.Select(m => new SubmissionRecord(
            m.Id, m.MessageId, SqliteTime.Parse(m.ReceivedAt), m.FromAddress, m.FromName, m.OriginalFrom, m.Subject,
            m.Status, m.Reason, m.Error, m.ClusterId, m.UnitId, m.TrackId, m.PeriodId, m.Late is null ? null : Convert.ToBoolean(m.Late),
            attachments[m.Id].Select(a => new AttachmentRecord(
                a.FileName, a.OriginalFileName, a.ContentType, a.DetectedType, a.Size, a.Sha256, a.ArchivePath,
                Codes(a.Criteria), Codes(a.Units))).ToList())
        { Links = links[m.Id].ToList() }).ToList();
    }

    private static IReadOnlyList<string> Codes(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private sealed class MessageRow
    {
        public long Id { get; set; }
        public string? MessageId { get; set; }
        public object ReceivedAt { get; set; } = "";
        public string? FromAddress { get; set; }
        public string? FromName { get; set; }
        public string? OriginalFrom { get; set; }
        public string? Subject { get; set; }
        public string Status { get; set; } = "";
        public string? Reason { get; set; }
        public string? Error { get; set; }
        public string? ClusterId { get; set; }
        public string? UnitId { get; set; }
        public string? TrackId { get; set; }
        public string? PeriodId { get; set; }
        public object? Late { get; set; }
    }

    private sealed class AttachmentRow
    {
        public long MessageId { get; set; }
        public int Ordinal { get; set; }
        public string FileName { get; set; } = "";
        public string OriginalFileName { get; set; } = "";
        public string ContentType { get; set; } = "";
        public string DetectedType { get; set; } = "";
        public long Size { get; set; }
        public string Sha256 { get; set; } = "";
        public string? ArchivePath { get; set; }
        public string Criteria { get; set; } = "[]";
        public string Units { get; set; } = "[]";
    }
}
