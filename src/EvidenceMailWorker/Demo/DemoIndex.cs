using System.Globalization;
using System.Text;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Templates;

namespace EvidenceMailWorker.Demo;

// The page models of Assets/Demo/index.html.liquid (rendered with the product's Liquid set-up, so
// every value is HTML-encoded); times already in the campaign's zone, links relative to the page.
public sealed record IndexCount(string Label, string Value, string Detail);

public sealed record IndexWinner(string Track, string Leading, string Leader);

public sealed record IndexReport(string Title, string Workbook, IReadOnlyList<string> Charts);

public sealed record IndexEmail(
    int Number, string Anchor, string Date, string Purpose, string PurposeName, string To, string Cc, string Subject,
    string Eml, string Html, IReadOnlyList<string> Attachments);

public sealed record IndexReceived(string Date, string From, string Subject, string Status, string Cluster, string Period, string Eml);

public sealed record IndexView(
    string Organization, string Walk, IReadOnlyList<IndexCount> Counts, IReadOnlyList<IndexWinner> Winners,
    IReadOnlyList<IndexReport> Reports, string Export, IReadOnlyList<IndexEmail> Emails, IReadOnlyList<IndexReceived> Received);

// index.html in the demo folder: every email produced, by date and purpose, each HTML body shown
// (written beside as html/<name>.html and framed), the mail that came in with its verdict, the
// period and year workbooks with their charts, and the export package.
public static class DemoIndex
{
    public const string FileName = "index.html";
    public const string BodiesFolder = "html";
    private const string Template = "Demo/index.html.liquid";

    public static readonly IReadOnlyDictionary<string, string> PurposeNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["receipt"] = "Biên nhận",
        ["notice"] = "Thông báo địa chỉ lạ",
        ["reminder"] = "Nhắc nộp",
        ["overdue"] = "Quá hạn",
        ["digest"] = "Tổng hợp ngày",
        ["summary"] = "Tổng hợp đợt",
        ["alarm"] = "Cảnh báo",
    };

    public static async Task<string> WriteAsync(string folder, DemoReport report, IReadOnlyList<SentEmail> sent,
        IReadOnlyList<ArrivingMail> arrived, IReadOnlyList<SubmissionRecord> stored, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var bodies = Path.Combine(folder, BodiesFolder);
        Directory.CreateDirectory(bodies);
        var emails = new List<IndexEmail>();
        foreach (var (email, i) in sent.Select((e, i) => (e, i + 1)))
        {
            var name = Path.GetFileNameWithoutExtension(email.Path) + ".html";
            // With a BOM, so a browser opening the file alone reads it as UTF-8 whatever its <head> says.
            await File.WriteAllTextAsync(Path.Combine(bodies, name), email.Html ?? PlainAsHtml(email.Text), new UTF8Encoding(true), cancellationToken);
            emails.Add(new IndexEmail(i, $"thu-{i}", Local(email.Date, zone), email.Purpose, PurposeNames.GetValueOrDefault(email.Purpose, email.Purpose),
                string.Join(", ", email.To), string.Join(", ", email.Cc), email.Subject,
                Href(folder, email.Path), Href(folder, Path.Combine(bodies, name)), email.Attachments));
        }

        var byMessageId = stored.Where(s => s.MessageId is not null).GroupBy(s => Bare(s.MessageId!)).ToDictionary(g => g.Key, g => g.First());
        var received = arrived.Select(m =>
        {
            var s = m.MessageId is null ? null : byMessageId.GetValueOrDefault(Bare(m.MessageId));
            var status = s is null ? "?" : s.Reason is null ? Status(s.Status) : $"{Status(s.Status)}: {ReasonText.Vietnamese(s.Reason)}";
            var period = s?.Period is null ? "" : s.Late == true ? $"{s.Period} (trễ hạn)" : s.Period;
            return new IndexReceived(Local(m.ArrivesAt, zone), s?.FromName is { Length: > 0 } n ? $"{n} <{s.From}>" : s?.From ?? "",
                s?.Subject ?? "", status, s?.Cluster ?? "", period, Href(folder, Path.Combine(report.Files.ReceivedMail, m.FileName)));
        }).ToList();

        var reports = report.Files.PeriodWorkbooks
            .Select(w => new IndexReport(Path.GetFileNameWithoutExtension(w), Href(folder, w), ChartsOf(folder, w, report.Files.PeriodCharts)))
            .Append(new IndexReport(Path.GetFileNameWithoutExtension(report.Files.YearWorkbook), Href(folder, report.Files.YearWorkbook),
                ChartsOf(folder, report.Files.YearWorkbook, report.Files.YearCharts)))
            .ToList();

        var view = new IndexView(report.Organization,
            $"{Day(report.From, zone)} – {Day(report.Until.AddTicks(-1), zone)}",
            Counts(report), report.Winners.Select(w => new IndexWinner(w.TrackName,
                w.LeadingClusterName ?? (w.Tied.Count > 0 ? "đồng hạng: " + string.Join(", ", w.Tied) : "chưa có"),
                w.OutstandingLeaderName ?? "chưa có")).ToList(),
            reports, Href(folder, report.Files.Export), emails, received);
        var path = Path.Combine(folder, FileName);
        await File.WriteAllTextAsync(path, Liquid.RenderHtml(ReadTemplate(), view), new UTF8Encoding(false), cancellationToken);
        return path;
    }

    private static List<IndexCount> Counts(DemoReport r) =>
    [
        new("Thư nhận được", $"{r.Mail.Read}", $"{r.Mail.Accepted} hợp lệ, {r.Mail.Quarantined} cần xem, {r.Mail.Ignored} tự động (bỏ qua), {r.Mail.Failed} lỗi"),
        new("Biên nhận", $"{r.Emails.Receipts}", $"và {r.Emails.Notices} thông báo cho địa chỉ chưa đăng ký"),
        new("Thư nhắc nộp", $"{r.Emails.Reminders}", $"{r.FireTimes.Reminders} lần nhắc theo lịch"),
        new("Thông báo quá hạn", $"{r.Emails.Overdue}", $"{r.FireTimes.Overdue} lần theo lịch"),
        new("Thư tổng hợp ngày", $"{r.Emails.Digests}", $"{r.FireTimes.Digest} lần theo lịch; ngày không có thư thì không gửi"),
        new("Tổng hợp đợt", $"{r.Emails.Summaries}", "kèm bảng tính và biểu đồ"),
    ];

    private static List<string> ChartsOf(string folder, string workbook, IReadOnlyList<string> charts)
    {
        var stem = Path.GetFileNameWithoutExtension(workbook) + "-";
        return charts.Where(c => Path.GetFileName(c).StartsWith(stem, StringComparison.Ordinal)).Select(c => Href(folder, c)).ToList();
    }

    private static string Status(string status) => status switch
    {
        MessageStatus.Accepted => "hợp lệ",
        MessageStatus.Quarantined => "cần xem",
        MessageStatus.Ignored => "bỏ qua",
        _ => "lỗi",
    };

    private static string PlainAsHtml(string? text) =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body><pre>{System.Net.WebUtility.HtmlEncode(text ?? "")}</pre></body></html>";

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Bare(string messageId) => messageId.Trim().Trim('<', '>');

    // A link relative to the page, each segment escaped (names may hold spaces or Vietnamese).
    private static string Href(string folder, string path) =>
        string.Join('/', Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));

    private static string ReadTemplate()
    {
        using var stream = typeof(DemoIndex).Assembly.GetManifestResourceStream(Template)
            ?? throw new InvalidOperationException($"embedded resource {Template} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
