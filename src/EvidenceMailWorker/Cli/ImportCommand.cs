using System.CommandLine;
using System.Text.Json;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Receipts;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `import PATH...` (CONTRACT §2): .eml files, folders and mbox files through the ingestion pipeline.
public static class ImportCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var paths = new Argument<string[]>("PATH") { Description = ".eml files, folders (recursive) or mbox files", Arity = ArgumentArity.OneOrMore };
        var json = GlobalOptions.Json();
        var sendReceipts = new Option<bool>("--send-receipts") { Description = "Answer imported mail with receipts (one per sender and sitting), through the configured outbox" };
        var command = new Command("import", "Ingest .eml files, folders and mbox files (e.g. Google Takeout)") { paths, json, sendReceipts };
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var receipts = parse.GetValue(sendReceipts);
            if (receipts)
                host.Services.GetRequiredService<ReceiptPolicy>().SendForEverything();
            else
                await host.Services.GetRequiredService<ReceiptWatermark>().FollowAsync(ct); // answered later by `run`
            var importer = host.Services.GetRequiredService<MailFileImporter>();
            var started = System.Diagnostics.Stopwatch.StartNew();
            var summary = await importer.ImportAsync(parse.GetValue(paths)!, ct);
            if (receipts)
                await ImportReceipts.SendAsync(host.Services, ct);
            if (parse.GetValue(json))
                WriteJson(summary);
            else
                WriteText(summary, started.Elapsed);
            foreach (var unreadable in summary.UnreadableFiles)
                await Console.Error.WriteLineAsync($"not read: {unreadable}");
            return summary.UnreadableFiles.Count == 0 ? ExitCodes.Success : ExitCodes.RuntimeFailure;
        }, cancellationToken));
        return command;
    }

    private static void WriteJson(ImportSummary s)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteNumber("messages", s.Messages);
            json.WriteNumber("imported", s.Imported);
            json.WriteNumber("accepted", s.Accepted);
            json.WriteNumber("quarantined", s.Quarantined);
            json.WriteNumber("ignored", s.Ignored);
            json.WriteNumber("failed", s.Failed);
            json.WriteNumber("duplicates", s.Duplicates);
            json.WriteEndObject();
        }
        stdout.Write("\n"u8);
    }

    private static void WriteText(ImportSummary s, TimeSpan elapsed)
    {
        Console.WriteLine($"Read {s.Messages} message(s) ({s.Bytes / 1048576.0:0.0} MB) in {elapsed.TotalSeconds:0.0} s.");
        Console.WriteLine($"  new: {s.Imported} (accepted {s.Accepted}, quarantined {s.Quarantined}, ignored {s.Ignored}, failed {s.Failed})");
        Console.WriteLine($"  already stored: {s.Duplicates}");
    }
}
