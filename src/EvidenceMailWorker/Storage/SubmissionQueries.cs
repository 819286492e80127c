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
        var list = new List<SubmissionRecord>();
        await foreach (var submission in StreamAsync(filter, cancellationToken))
            list.Add(submission);
        return list;
    }

    // One submission at a time, in received order, so `submissions --json` over a province's archive
    // stays in flat memory. One statement (messages, attachments and links as rows of one ordered
    // UNION) is one snapshot on both providers: a verdict committed meanwhile is seen whole or not at all.
    public async IAsyncEnumerable<SubmissionRecord> StreamAsync(SubmissionFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        SubmissionRecord? current = null;
        List<AttachmentRecord> attachments = [];
        List<LinkRecord> links = [];
        await foreach (var row in connection.QueryUnbufferedAsync<Row>(Rows, filter).WithCancellation(cancellationToken))
        {
            switch (row.Kind)
            {
                case MessageRow:
                    if (current is not null)
                        yield return current with { Attachments = attachments, Links = links };
                    (attachments, links) = ([], []);
                    current = new SubmissionRecord(
                        row.Id, row.MessageId, SqliteTime.Parse(row.ReceivedAt), row.FromAddress, row.FromName, row.OriginalFrom, row.Subject,
                        row.Status!, row.Reason, row.Error, row.ClusterId, row.UnitId, row.TrackId, row.PeriodId,
                        row.Late is null ? null : Convert.ToBoolean(row.Late, System.Globalization.CultureInfo.InvariantCulture), []);
                    break;
                case AttachmentRow:
                    attachments.Add(new AttachmentRecord(row.FileName!, row.OriginalFileName!, row.ContentType!, row.DetectedType!, row.Size ?? 0,
                        row.Sha256!, row.ArchivePath, Codes(row.Criteria!), Codes(row.Units!)));
                    break;
                default:
                    links.Add(new LinkRecord(row.Url!, MatchJson.Parse(row.Criteria!), MatchJson.Parse(row.Units!)));
                    break;
            }
        }
        if (current is not null)
            yield return current with { Attachments = attachments, Links = links };
    }

    private const int MessageRow = 0;
    private const int AttachmentRow = 1;

    // Typed NULLs: PostgreSQL takes a UNION's column types from its first branch.
    private const string Rows = $"""
        SELECT 0 AS Kind, m.received_at AS ReceivedAt, m.id AS Id, 0 AS Ordinal,
               m.message_id AS MessageId, m.from_address AS FromAddress, m.from_name AS FromName, m.original_from AS OriginalFrom,
               m.subject AS Subject, m.status AS Status, m.reason AS Reason, m.error AS Error, m.cluster_id AS ClusterId,
               m.unit_id AS UnitId, m.track_id AS TrackId, m.period_id AS PeriodId, m.late AS Late,
               CAST(NULL AS text) AS FileName, CAST(NULL AS text) AS OriginalFileName, CAST(NULL AS text) AS ContentType,
               CAST(NULL AS text) AS DetectedType, CAST(NULL AS bigint) AS Size, CAST(NULL AS text) AS Sha256,
               CAST(NULL AS text) AS ArchivePath, CAST(NULL AS text) AS Criteria, CAST(NULL AS text) AS Units, CAST(NULL AS text) AS Url
        FROM messages m {Where}
        UNION ALL
        SELECT 1, m.received_at, m.id, a.ordinal,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               a.file_name, a.original_file_name, a.content_type, a.detected_type, a.size, a.sha256, a.archive_path, a.criteria, a.units, NULL
        FROM attachments a JOIN messages m ON m.id = a.message_id {Where}
        UNION ALL
        SELECT 2, m.received_at, m.id, l.ordinal,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, l.criteria, l.units, l.url
        FROM links l JOIN messages m ON m.id = l.message_id {Where}
        ORDER BY 2, 3, 1, 4
        """;

    private static IReadOnlyList<string> Codes(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private sealed class Row
    {
        public int Kind { get; set; }
        public object ReceivedAt { get; set; } = "";
        public long Id { get; set; }
        public int Ordinal { get; set; }
        public string? MessageId { get; set; }
        public string? FromAddress { get; set; }
        public string? FromName { get; set; }
        public string? OriginalFrom { get; set; }
        public string? Subject { get; set; }
        public string? Status { get; set; }
        public string? Reason { get; set; }
        public string? Error { get; set; }
        public string? ClusterId { get; set; }
        public string? UnitId { get; set; }
        public string? TrackId { get; set; }
        public string? PeriodId { get; set; }
        public object? Late { get; set; }
        public string? FileName { get; set; }
        public string? OriginalFileName { get; set; }
        public string? ContentType { get; set; }
        public string? DetectedType { get; set; }
        public long? Size { get; set; }
        public string? Sha256 { get; set; }
        public string? ArchivePath { get; set; }
        public string? Criteria { get; set; }
        public string? Units { get; set; }
        public string? Url { get; set; }
    }
}
