using System.CommandLine;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EvidenceMailWorker.Cli;

// `backup --out FILE [--force] [--json]`: one file holding everything (messages, blobs, outbox,
// schedule state), taken while the worker runs. SQLite only: a PostgreSQL database is backed up
// with the server's own tool, and the verb prints the exact pg_dump command instead (exit 1).
public static class BackupCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var output = new Option<string>("--out") { Description = "the backup file to write (SQLite database file)", Required = true };
        var force = new Option<bool>("--force") { Description = "replace an existing file at --out" };
        var json = GlobalOptions.Json();
        var command = new Command("backup", "Copy the SQLite database to one file while the worker runs (PostgreSQL: prints the pg_dump command)") { output, force, json };
        command.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var database = host.Services.GetRequiredService<Database>();
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (database.Provider == DatabaseProvider.Postgres)
            {
                var b = new NpgsqlConnectionStringBuilder(database.ConnectionString);
                await Console.Error.WriteLineAsync(
                    $"backup: the database is PostgreSQL; back it up with the server's tool (README, Backups): pg_dump -Fc -h {b.Host} -p {b.Port} -U {b.Username} -d {b.Database} -f {path}");
                return ExitCodes.UsageOrConfiguration;
            }
            if (File.Exists(path) && !parse.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"--out: '{path}' already exists; choose another file or add --force to replace it");
                return ExitCodes.UsageOrConfiguration;
            }
            if (new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource is var source && Path.GetFullPath(source) == path)
            {
                await Console.Error.WriteLineAsync($"--out: '{path}' is the database itself; write the backup elsewhere");
                return ExitCodes.UsageOrConfiguration;
            }
            var result = await SqliteBackup.WriteAsync(database, path, ct);
            if (parse.GetValue(json))
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { path = result.Path, bytes = result.Bytes, messages = result.Messages, blobs = result.Blobs }));
            else
                Console.WriteLine($"Backed up {result.Messages} message(s) and {result.Blobs} stored file(s), {result.Bytes / 1048576.0:0.0} MB, to {result.Path}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
