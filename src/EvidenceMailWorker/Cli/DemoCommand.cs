using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Demo;
using EvidenceMailWorker.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `demo [--out DIR] [--json]` (CONTRACT §2): the whole 2024 campaign end to end, on a simulated clock,
// with the bundled sample mail, through the real worker; everything it made stays in DIR.
public static class DemoCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var output = new Option<string>("--out") { Description = "Folder for everything the demo makes (default ./demo; an earlier demo's folder is replaced)", DefaultValueFactory = _ => "demo" };
        var json = GlobalOptions.Json();
        var command = new Command("demo", "Play the 2024 sample campaign (1 March – 31 October) through the worker on a simulated clock, into --out") { output, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            if (DemoFolder.Prepare(folder) is { } problem)
            {
                await Console.Error.WriteLineAsync($"--out: {problem}");
                return ExitCodes.UsageOrConfiguration;
            }
            var clock = new SimulatedClock(DateTimeOffset.UnixEpoch);
            // The embedded defaults inside DIR, whatever appsettings.json or the environment say, so a
            // demo never writes to a production database or mails anyone; only what is given on this
            // command line (--Section:Key=value) still wins, e.g. another database for a test.
            var demo = new VerbInvocation([.. EmbeddedDefaults(folder), .. invocation.Overrides]);
            return await demo.RunAsync(parse, async (host, ct) =>
            {
                var started = Stopwatch.StartNew();
                var run = host.Services.GetRequiredService<DemoRun>();
                if (!await run.DatabaseIsEmptyAsync(ct))
                {
                    await Console.Error.WriteLineAsync("demo: the database already holds mail; the demo needs an empty one (the default, a new SQLite file in --out, always is)");
                    return ExitCodes.UsageOrConfiguration;
                }
                var asJson = parse.GetValue(json);
                var progress = new TerminalProgress(!asJson);
                var report = await run.RunAsync((at, what) => progress.Show($"{at:yyyy-MM-dd HH:mm}  {what}"), ct);
                progress.Done();
                report = report with { Seconds = Math.Round(started.Elapsed.TotalSeconds, 1) };
                if (asJson)
                    Console.WriteLine(JsonSerializer.Serialize(report, JsonOutput.Records));
                else
                    DemoTable.Write(Console.Out, report);
                return ExitCodes.Success;
            }, cancellationToken, configure: builder =>
            {
                builder.Services.AddSingleton(clock);
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<ScheduledFire>();
                builder.Services.AddSingleton<CampaignWalk>();
                builder.Services.AddSingleton<DemoRun>();
            }, exclusive: true);
        });
        return command;
    }

    private static IEnumerable<string> EmbeddedDefaults(string folder) =>
    [
        $"--Storage:DataDirectory={folder}",
        "--Database:Provider=Sqlite",
        "--Database:ConnectionString=",
        "--Mailbox:Source=Folder",
        "--Mailbox:Folder=",
        "--Outbox:Mode=Folder",
        "--Outbox:Folder=",
    ];
}
