using System.CommandLine;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Cli;

// `config check`: every problem with its JSON path (exit 1), or a one-screen summary.
public static class ConfigCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var check = new Command("check", "Validate the configuration and print a summary");
        check.SetAction(parse =>
        {
            try
            {
                return ConfigCheck.Run(invocation.LoadConfiguration(parse), Console.Out, Console.Error);
            }
            catch (ConfigurationLoadException e)
            {
                Console.Error.WriteLine($"configuration: {e.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
        });
        return new Command("config", "Configuration tools") { check };
    }
}
