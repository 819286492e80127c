using System.CommandLine;
using System.Text.Json;
using EvidenceMailWorker.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `reprocess` (CONTRACT §2): re-run the rules over every stored message after a configuration edit.
public static class ReprocessCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var json = GlobalOptions.Json();
        var command = new Command("reprocess", "Re-run sender, status and matching rules over every stored message against the current configuration") { json };
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var progress = new TerminalProgress(!parse.GetValue(json));
            var summary = await ActivatorUtilities.CreateInstance<Reprocessor>(host.Services)
                .RunAsync(ct, (done, total) => { if (done % 50 == 0 || done == total) progress.Show($"Đã xử lý lại {done}/{total} thư"); });
            progress.Done();
            if (parse.GetValue(json))
            {
                await using var stdout = Console.OpenStandardOutput();
                await using (var writer = new Utf8JsonWriter(stdout))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("messages", summary.Messages);
                    writer.WriteNumber("changed", summary.Changed);
                    writer.WriteEndObject();
                }
                stdout.Write("\n"u8);
            }
            else
            {
                Console.WriteLine($"Reprocessed {summary.Messages} message(s): {summary.Changed} changed.");
            }
            if (summary.Failed > 0)
                await Console.Error.WriteLineAsync($"{summary.Failed} message(s) failed to process; they are kept as failed and retried by the next ingest pass.");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
