using System.CommandLine;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Cli;

// `report` (CONTRACT §2, §3, §5): coverage, ranking and the proposal, as text, JSON or a workbook.
public static class ReportCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var format = new Option<string>("--format") { Description = "text (default), json or xlsx", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "xlsx");
        var period = new Option<string?>("--period") { Description = "period id, e.g. 2024-6t" };
        var year = new Option<bool>("--year") { Description = "every period of the campaign together" };
        var track = new Option<string?>("--track") { Description = "one track id, e.g. doan (default: every track)" };
        var output = new Option<string?>("--out") { Description = "file to write (xlsx default: report-<period>.xlsx here)" };
        var json = GlobalOptions.Json();
        var command = new Command("report", "Coverage, ranking and award proposal for a period or the year") { format, period, year, track, output, json };
        command.Validators.Add(result =>
        {
            if (result.GetValue(period) is not null == result.GetValue(year))
                result.AddError("give exactly one of --period ID or --year");
        });
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var campaign = host.Services.GetRequiredService<IOptions<CampaignOptions>>().Value;
            var scope = new ReportScope(parse.GetValue(period), parse.GetValue(track));
            if (ScopeProblem(campaign, scope) is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return ExitCodes.UsageOrConfiguration;
            }
            var chosen = parse.GetValue(json) ? "json" : parse.GetValue(format)!;
            var progress = new TerminalProgress(chosen != "json");
            progress.Show("Đang đọc minh chứng đã lưu và tính báo cáo…");
            var report = await new StoredReport(host.Services.GetRequiredService<SubmissionQueries>())
                .BuildAsync(campaign, scope, host.Services.GetRequiredService<TimeProvider>().GetLocalNow(), ct);
            var outPath = parse.GetValue(output);
            switch (chosen)
            {
                case "xlsx":
                    progress.Show("Đang ghi bảng tính và biểu đồ…");
                    var written = ReportFiles.Write(report, campaign, outPath ?? $"report-{scope.PeriodId ?? $"nam-{campaign.Year}"}.xlsx");
                    progress.Done();
                    Console.WriteLine(written.Workbook);
                    foreach (var chart in written.Charts)
                        Console.WriteLine(chart);
                    break;
                case "json":
                    await WriteAsync(outPath, stream => ReportJson.Write(stream, report));
                    break;
                default:
                    progress.Done();
                    await WriteAsync(outPath, stream =>
                    {
                        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
                        ReportText.Write(writer, report, campaign);
                    });
                    break;
            }
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static string? ScopeProblem(CampaignOptions campaign, ReportScope scope)
    {
        if (scope.PeriodId is not null && campaign.Periods.All(p => p.Id != scope.PeriodId))
            return $"--period: no period '{scope.PeriodId}'; the campaign has {string.Join(", ", campaign.Periods.Select(p => p.Id))}";
        if (scope.TrackId is not null && campaign.Tracks.All(t => t.Id != scope.TrackId))
            return $"--track: no track '{scope.TrackId}'; the campaign has {string.Join(", ", campaign.Tracks.Select(t => t.Id))}";
        return null;
    }

    private static async Task WriteAsync(string? path, Action<Stream> write)
    {
        if (path is null)
        {
            await using var stdout = Console.OpenStandardOutput();
            write(stdout);
        }
        else
        {
            ReportFiles.WriteAtomically(Path.GetFullPath(path), write);
        }
    }
}
