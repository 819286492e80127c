using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Configuration;

// Placeholder until the summary printer lands: lists problems, or says the configuration is valid.
public static class ConfigCheck
{
    public static int Run(IConfiguration config, TextWriter stdout, TextWriter stderr)
    {
        var problems = ConfigurationProblems.Find(config);
        foreach (var p in problems)
            stderr.WriteLine(p);
        if (problems.Count > 0)
            return 1;
        stdout.WriteLine("Configuration is valid.");
        return 0;
    }
}
