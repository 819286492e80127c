using EvidenceMailWorker.Auth;
using System.CommandLine;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Ingestion.Imap;
using EvidenceMailWorker.Receipts;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `ingest --once` (CONTRACT §2): one full pass over the configured mailbox, then exit.
public static class IngestCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var once = new Option<bool>("--once") { Description = "One pass over the mailbox, then exit (the only mode; `run` watches)" };
        var command = new Command("ingest", "Ingest what is in the configured mailbox (Mailbox:Source) now, then exit") { once };
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            if (!parse.GetValue(once))
            {
                await Console.Error.WriteLineAsync("ingest: say --once (to watch the mailbox continuously, use `run`)");
                return ExitCodes.UsageOrConfiguration;
            }
            try
            {
                await host.Services.GetRequiredService<ReceiptWatermark>().EstablishAsync(ct);
                await host.Services.GetRequiredService<IMailboxSource>().RunOnceAsync(ct);
                // A pass run from cron must answer too: batches whose sender has been quiet go out now,
                // the rest with the next pass (or `run`).
                await ImportReceipts.SendAsync(host.Services, ct, ignoreQuiet: false);
                return ExitCodes.Success;
            }
            catch (CredentialsRejectedException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.RuntimeFailure;
            }
        }, cancellationToken));
        return command;
    }
}
