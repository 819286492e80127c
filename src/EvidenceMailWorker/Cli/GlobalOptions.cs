using System.CommandLine;

namespace EvidenceMailWorker.Cli;

// Options every verb accepts.
public static class GlobalOptions
{
    public static readonly Option<string?> ConfigDir = new("--config-dir")
    {
        Description = "Folder holding appsettings.json and campaign.json (default: ./config)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show debug logging and stack traces",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text" };
}
