using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Reports;

// The edge that puts a report on disk: the workbook at the given path and one chart PNG per track
// beside it (report.xlsx → report-doan.png), the same PNG embedded in the track's summary sheet.
// Each file is written under a temporary name and renamed, so a reader never sees half a file.
public static class ReportFiles
{
    public sealed record Written(string Workbook, IReadOnlyList<string> Charts);

    public static Written Write(Report report, CampaignOptions campaign, string workbookPath)
    {
        var full = Path.GetFullPath(workbookPath);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var stem = Path.GetFileNameWithoutExtension(full);
        var charts = new Dictionary<string, byte[]>();
        var chartPaths = new List<string>();
        foreach (var track in report.Tracks)
        {
            var png = ReportChart.Png(report, track);
            charts[track.Track.Id] = png;
            var path = Path.Combine(folder, $"{stem}-{track.Track.Id}.png");
            WriteAtomically(path, stream => stream.Write(png));
            chartPaths.Add(path);
        }
        WriteAtomically(full, stream => ReportWorkbook.Write(stream, report, campaign, charts));
        return new Written(full, chartPaths);
    }

    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var part = path + ".part";
        try
        {
            using (var stream = new FileStream(part, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
                write(stream);
            File.Move(part, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(part))
                File.Delete(part);
        }
    }
}
