using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Cli;

// `submissions` without --json: one line per message for the office clerk, files indented under it.
public static class SubmissionsTable
{
    public static void Write(TextWriter output, IReadOnlyList<SubmissionRecord> submissions, TimeZoneInfo zone)
    {
        if (submissions.Count == 0)
        {
            output.WriteLine("No submissions match.");
            return;
        }
        foreach (var s in submissions)
        {
            var when = JsonOutput.Time(s.ReceivedAtUtc, zone)[..16].Replace('T', ' ');
            var who = s.Unit ?? s.From ?? "?";
            var status = s.Reason is null ? s.Status : $"{s.Status} ({s.Reason})";
            output.WriteLine($"#{s.Id,-5} {when}  {status,-28} {s.Cluster ?? "-",-8} {who}");
            output.WriteLine($"       {s.Subject}");
            foreach (var a in s.Attachments)
            {
                var name = a.ArchivePath is null ? a.FileName : $"  └ {a.ArchivePath}";
                output.WriteLine($"       - {name}  ({FormatSize(a.Size)}, {a.DetectedContentType})");
            }
        }
        output.WriteLine($"{submissions.Count} message(s).");
    }

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };
}
