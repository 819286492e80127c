using System.CommandLine;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Reports.Export;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Cli;

// `export --out PATH [--period ID] [--force]` (CONTRACT §2, §5): the evidence package.
public static class ExportCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var output = new Option<string>("--out") { Description = "folder, or a file ending in .zip", Required = true };
        var period = new Option<string?>("--period") { Description = "period id (default: every period)" };
        var force = new Option<bool>("--force") { Description = "replace an existing package at --out" };
        var json = GlobalOptions.Json();
        var command = new Command("export", "Write the evidence package (folder or .zip) with index.xlsx and README.txt") { output, period, force, json };
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var campaign = host.Services.GetRequiredService<IOptions<CampaignOptions>>().Value;
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var periodId = parse.GetValue(period);
            if (periodId is not null && campaign.Periods.All(p => p.Id != periodId))
            {
                await Console.Error.WriteLineAsync($"--period: no period '{periodId}'; the campaign has {string.Join(", ", campaign.Periods.Select(p => p.Id))}");
                return ExitCodes.UsageOrConfiguration;
            }
            if (PackageTargets.IsOccupied(path) && !parse.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"--out: '{path}' already exists and is not empty; choose another path or add --force to replace it");
                return ExitCodes.UsageOrConfiguration;
            }
            var asJson = parse.GetValue(json);
            var progress = new TerminalProgress(!asJson);
            progress.Show("Đang đọc minh chứng đã lưu…");
            var package = new EvidencePackage(host.Services.GetRequiredService<SubmissionQueries>(), host.Services.GetRequiredService<StoredAttachments>());
            var result = await package.WriteAsync(campaign, path, periodId, host.Services.GetRequiredService<TimeProvider>().GetLocalNow(),
                (n, planned, bytes) => progress.Show($"Đã ghi {n}/{planned} tệp, {bytes / 1048576.0:0.0} MB"), ct);
            progress.Done();
            if (asJson)
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { path = result.Path, files = result.Files, bytes = result.Bytes }));
            else
                Console.WriteLine($"Wrote {result.Files} file(s), {result.Bytes / 1048576.0:0.0} MB, to {result.Path}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
