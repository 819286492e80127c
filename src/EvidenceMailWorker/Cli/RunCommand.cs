using System.CommandLine;
using EvidenceMailWorker.Hosting;
using EvidenceMailWorker.Receipts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace EvidenceMailWorker.Cli;

// `run` (also no verb): the worker. Runs the hosted services until Ctrl-C / SIGTERM.
public static class RunCommand
{
    // The worker shows its progress (backlog counts, outages and recoveries) on the console.
    // System.CommandLine ends the process 2 s after the signal (InvocationConfiguration
    // .ProcessTerminationTimeout); stopping must fit well inside that.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(1.5);

    public static void Attach(RootCommand root, VerbInvocation invocation)
    {
        var command = new Command("run", "Watch the mailbox and ingest new mail until stopped (Ctrl-C / SIGTERM)");
        command.SetAction((parse, cancellationToken) => RunAsync(parse, invocation, cancellationToken));
        root.Subcommands.Add(command);
        root.SetAction((parse, cancellationToken) => RunAsync(parse, invocation, cancellationToken));
    }

    private static Task<int> RunAsync(ParseResult parse, VerbInvocation invocation, CancellationToken cancellationToken) =>
        invocation.RunAsync(parse, async (host, ct) =>
        {
            // Mail already in the inbox when the worker first started on this database is archived silently; the rest is answered.
            var from = await host.Services.GetRequiredService<ReceiptWatermark>().EstablishAsync(ct);
            host.Services.GetRequiredService<ILogger<ReceiptWatermark>>().LogInformation(
                "Mail received from {From:O} on (the worker's first start on this database) is answered", from);
            await host.StartAsync(ct);
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }
            using var stop = new CancellationTokenSource(StopTimeout);
            await host.StopAsync(stop.Token);
            return ExitCodes.Success;
        }, cancellationToken, LogEventLevel.Information, builder =>
        {
            builder.Services.AddHostedService<MailboxWatcherService>();
            builder.Services.AddCampaignSchedule(builder.Configuration);
            builder.Services.AddHealthReporting(builder.Configuration.GetSection(Configuration.HealthOptions.Section).Get<Configuration.HealthOptions>() ?? new());
        }, reloadOnChange: true, exclusive: true);
}
