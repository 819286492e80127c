using System.CommandLine;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `db migrate`: apply schema migrations (every other verb also does this first).
public static class DbCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var migrate = new Command("migrate", "Apply schema migrations");
        migrate.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var database = host.Services.GetRequiredService<Database>();
            Console.WriteLine(applied.Count == 0
                ? $"Database ({database.Provider}) is up to date."
                : $"Database ({database.Provider}): applied {string.Join(", ", applied)}.");
            return ExitCodes.Success;
        }, cancellationToken));
        return new Command("db", "Database maintenance") { migrate };
    }
}
