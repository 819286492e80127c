using System.CommandLine;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Cli;

// `submissions` (CONTRACT §2, §3): every ingested message, filtered by --status, --cluster, --period.
public static class SubmissionsCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var status = new Option<string?>("--status") { Description = "accepted, quarantined, ignored or failed" };
        status.AcceptOnlyFromAmong([.. MessageStatus.All]);
        var cluster = new Option<string?>("--cluster") { Description = "cluster id, e.g. cum-2" };
        var period = new Option<string?>("--period") { Description = "period id, e.g. 2024-6t" };
        var json = GlobalOptions.Json();
        var command = new Command("submissions", "List ingested messages") { status, cluster, period, json };
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var campaign = host.Services.GetRequiredService<IOptions<CampaignOptions>>().Value;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(campaign.TimeZone);
            var queries = host.Services.GetRequiredService<SubmissionQueries>();
            var filter = new SubmissionFilter(parse.GetValue(status), parse.GetValue(cluster), parse.GetValue(period));
            if (parse.GetValue(json))
            {
                await using var stdout = Console.OpenStandardOutput();
                await SubmissionsJson.WriteAsync(stdout, queries.StreamAsync(filter, ct), zone, ct);
            }
            else
            {
                SubmissionsTable.Write(Console.Out, await queries.ListAsync(filter, ct), zone);
            }
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
