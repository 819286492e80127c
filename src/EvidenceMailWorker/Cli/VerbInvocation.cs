using System.CommandLine;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Hosting;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace EvidenceMailWorker.Cli;

// What every verb does around its own work: load and check configuration (exit 1 with every
// problem), build the host, migrate the database, and turn failures into exit 2 with one clear
// line on stderr (stack traces only with --verbose; details always in the log file).
public sealed class VerbInvocation(IReadOnlyList<string> overrides)
{
    public IReadOnlyList<string> Overrides { get; } = overrides;

    public IConfigurationRoot LoadConfiguration(ParseResult parse, bool reloadOnChange = false) =>
        ConfigurationLoader.Build(parse.GetValue(GlobalOptions.ConfigDir), Overrides, reloadOnChange);

    // For verbs that need only the campaign (no database, no host): false after printing every
    // problem, as the other verbs do.
    public bool TryLoadCampaign(ParseResult parse, out CampaignOptions campaign)
    {
        campaign = new CampaignOptions();
        IConfigurationRoot configuration;
        try
        {
            configuration = LoadConfiguration(parse);
        }
        catch (ConfigurationLoadException e)
        {
            Console.Error.WriteLine($"configuration: {e.Message}");
            return false;
        }
        var problems = ConfigurationProblems.Find(configuration);
        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"The configuration has {problems.Count} problem(s); run `config check` for a summary:");
            foreach (var problem in problems)
                Console.Error.WriteLine($"  {problem.Path}: {problem.Message}");
            return false;
        }
        campaign = CampaignReader.Read(configuration, out _);
        return true;
    }

    // exclusive: this verb is the worker (`run`); a second one on the same data folder refuses to start.
    // reportsCampaignProblems: the verb runs on a campaign with problems and reports them (`status`:
    // the running worker keeps its last good campaign, and the health report must still be had);
    // they are in CampaignOnDisk. Infrastructure problems still stop every verb.
    public async Task<int> RunAsync(ParseResult parse, Func<IHost, CancellationToken, Task<int>> work, CancellationToken cancellationToken,
        LogEventLevel quietConsoleLevel = LogEventLevel.Warning, Action<HostApplicationBuilder>? configure = null, bool reloadOnChange = false,
        bool exclusive = false, bool reportsCampaignProblems = false)
    {
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        IConfigurationRoot configuration;
        try
        {
            configuration = LoadConfiguration(parse, reloadOnChange);
        }
        catch (ConfigurationLoadException e)
        {
            await Console.Error.WriteLineAsync($"configuration: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
        var problems = ConfigurationProblems.Find(configuration);
        IReadOnlyList<ConfigProblem> campaignProblems = [];
        if (problems.Count > 0 && reportsCampaignProblems && InfrastructureValidator.Validate(configuration).Count == 0)
            (campaignProblems, problems) = (problems, []);
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync($"The configuration has {problems.Count} problem(s); run `config check` for a summary:");
            foreach (var problem in problems)
                await Console.Error.WriteLineAsync($"  {problem.Path}: {problem.Message}");
            return ExitCodes.UsageOrConfiguration;
        }

        var paths = ResolvedPaths.Resolve(configuration);
        // Taken before the host exists, so a refused second worker writes nothing, not even to the log.
        var holder = "";
        using var folderLock = exclusive ? DataFolderLock.TryAcquire(paths.DataDirectory, out holder) : null;
        if (exclusive && folderLock is null)
        {
            await Console.Error.WriteLineAsync($"error: another worker is already running on the data folder {paths.DataDirectory} ({holder}); stop it first, or give this one its own Storage:DataDirectory");
            return ExitCodes.RuntimeFailure;
        }
        paths = paths with { SpoolFolder = ProcessSpool.Prepare(paths.SpoolFolder) };
        var builder = WorkerHost.CreateBuilder(configuration, paths, verbose ? LogEventLevel.Debug : quietConsoleLevel, consoleShowsExceptions: verbose);
        if (campaignProblems.Count > 0)
            builder.Services.AddSingleton(new CampaignOnDisk(campaignProblems));
        configure?.Invoke(builder);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILogger<VerbInvocation>>();
        try
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            return await work(host, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Stopped.");
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception e) when (DatabaseFaults.IsDiskFull(e))
        {
            // Everything committed stays; what was mid-way is stored raw as `failed` or not at all, and is taken again.
            logger.LogError("{Verb} stopped: the disk is full ({Error}); nothing stored is lost. Free space under {Data} (and the database's disk) and run it again",
                parse.CommandResult.Command.Name, e.Message, paths.DataDirectory);
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception e)
        {
            // One line on stderr through the console sink; the stack trace goes to the log file
            // (and to the console with --verbose).
            logger.LogError(e, "{Verb} failed: {Error}", parse.CommandResult.Command.Name, e.Message);
            if (!verbose)
                await Console.Error.WriteLineAsync($"(details in {paths.LogsFolder}; --verbose shows them here)");
            return ExitCodes.RuntimeFailure;
        }
        finally
        {
            ProcessSpool.Remove(paths.SpoolFolder);
            await host.Services.GetRequiredService<Database>().DisposeAsync();
            try
            {
                await Serilog.Log.CloseAndFlushAsync();
            }
            catch (IOException)
            {
                // The log file's last buffer cannot be written (a full disk): what mattered is on stderr
                // already, and an exception here would end the process with a stack trace (exit 134).
            }
        }
    }
}
