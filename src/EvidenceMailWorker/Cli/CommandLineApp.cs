using System.CommandLine;
using System.Text.RegularExpressions;

namespace EvidenceMailWorker.Cli;

public static partial class CommandLineApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        // `--Section:Key=value` overrides go to configuration (CONTRACT §1), not to the verb parser.
        var overrides = args.Where(a => ConfigOverride().IsMatch(a)).ToArray();
        var verbArgs = args.Where(a => !ConfigOverride().IsMatch(a)).ToArray();
        var invocation = new VerbInvocation(overrides);

        var root = new RootCommand("EvidenceMailWorker: archives, understands and answers the evidence mailbox of a Youth Union competition.");
        root.Options.Add(GlobalOptions.ConfigDir);
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(ImportCommand.Create(invocation));
        root.Subcommands.Add(SubmissionsCommand.Create(invocation));
        root.Subcommands.Add(ConfigCommand.Create(invocation));
        root.Subcommands.Add(DbCommand.Create(invocation));
        root.Subcommands.Add(ReprocessCommand.Create(invocation));
        root.Subcommands.Add(IngestCommand.Create(invocation));
        root.Subcommands.Add(StatusCommand.Create(invocation));
        root.Subcommands.Add(ScheduleCommand.Create(invocation));
        root.Subcommands.Add(JobsCommand.Create(invocation));
        root.Subcommands.Add(ReportCommand.Create(invocation));
        root.Subcommands.Add(ExportCommand.Create(invocation));
        root.Subcommands.Add(DemoCommand.Create(invocation));
        root.Subcommands.Add(BackupCommand.Create(invocation));
        root.Subcommands.Add(OutboxCommand.Create(invocation));
        RunCommand.Attach(root, invocation);

        var parse = root.Parse(verbArgs);
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    [GeneratedRegex(@"^--[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_]+)+=", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigOverride();
}
