using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using Npgsql;

namespace EvidenceMailWorker.Tests.Operations;

// The README's "Backups and restore" procedure, step by step, with the real executable: archive
// mail, back up, wipe the database, restore, and `submissions --json` must be what it was.
public sealed class BackupRestoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Data => _folder.Combine("data");

    [Fact]
    public async Task A_sqlite_backup_restored_by_the_readme_procedure_gives_back_every_submission()
    {
        string[] data = [$"--Storage:DataDirectory={Data}"];
        var before = await ArchiveAsync(data);

        // Backup (the worker may be running: the online backup API takes a consistent copy).
        var backup = _folder.Combine("evidence-backup.db");
        var made = await Cli(["backup", "--out", backup, .. data]);
        Assert.Contains("Backed up 6 message(s)", made);

        // Disaster: the database is gone.
        foreach (var file in Directory.GetFiles(Data, "evidence.db*"))
            File.Delete(file);
        Assert.Equal("[]", (await Cli(["submissions", "--json", .. data])).Trim());

        // Restore: stop the worker, remove evidence.db, -wal and -shm, copy the backup in its place.
        foreach (var file in Directory.GetFiles(Data, "evidence.db*"))
            File.Delete(file);
        File.Copy(backup, Path.Combine(Data, "evidence.db"));
        Assert.Equal(before, await Cli(["submissions", "--json", .. data]));
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_unless_asked()
    {
        string[] data = [$"--Storage:DataDirectory={Data}"];
        var backup = _folder.Combine("kept.db");
        await File.WriteAllTextAsync(backup, "yesterday's backup");
        var refused = await WorkerProcess.RunAsync(_folder.Path, ["backup", "--out", backup, .. data]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("already exists", refused.Stderr);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(backup));
    }

    [Fact]
    public async Task A_postgres_dump_restored_by_the_readme_procedure_gives_back_every_submission()
    {
        var server = PostgresServer.Instance;
        var connection = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("backup"));
        string[] data = [$"--Storage:DataDirectory={Data}", "--Database:Provider=Postgres", $"--Database:ConnectionString={connection}"];
        var before = await ArchiveAsync(data);

        // `backup` names the tool to use on PostgreSQL instead of pretending.
        var refused = await WorkerProcess.RunAsync(_folder.Path, ["backup", "--out", _folder.Combine("x.dump"), .. data]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"pg_dump -Fc -h {connection.Host} -p {connection.Port} -U {connection.Username} -d {connection.Database}", refused.Stderr);

        // Backup: pg_dump -Fc (custom format: compressed, restorable table by table).
        var dump = _folder.Combine("evidence.dump");
        Tool(server, "pg_dump", "-Fc", "-h", connection.Host!, "-p", $"{connection.Port}", "-U", connection.Username!, "-d", connection.Database!, "-f", dump);

        // Disaster, then the restore: an empty database of the same name, pg_restore --no-owner into it.
        await AdminAsync(server, $"DROP DATABASE \"{connection.Database}\" WITH (FORCE)");
        await AdminAsync(server, $"CREATE DATABASE \"{connection.Database}\" TEMPLATE template0 ENCODING 'UTF8'");
        Tool(server, "pg_restore", "--no-owner", "--exit-on-error", "-h", connection.Host!, "-p", $"{connection.Port}", "-U", connection.Username!, "-d", connection.Database!, dump);
        Assert.Equal(before, await Cli(["submissions", "--json", .. data]));
    }

    // The sample submissions: accepted, quarantined and odd-charset mail, with attachments.
    private async Task<string> ArchiveAsync(string[] data)
    {
        var inbox = _folder.Combine("mail");
        Directory.CreateDirectory(inbox);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "acceptance"), "0*.eml").Take(3)
                     .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Data", "messages"), "*.eml")))
            File.Copy(file, Path.Combine(inbox, Path.GetFileName(file)));
        await Cli(["import", inbox, .. data]);
        var submissions = await Cli(["submissions", "--json", .. data]);
        Assert.Equal(6, System.Text.Json.JsonDocument.Parse(submissions).RootElement.GetArrayLength());
        return submissions;
    }

    private async Task<string> Cli(string[] args)
    {
        var (code, stdout, stderr) = await WorkerProcess.RunAsync(_folder.Path, args);
        Assert.True(code == 0, $"{string.Join(' ', args)}: exit {code}\n{stderr}");
        return stdout;
    }

    private static void Tool(PostgresServer server, string tool, params string[] args) =>
        ExternalCommand.Run(server.ClientTool(tool), args);

    private static async Task AdminAsync(PostgresServer server, string sql)
    {
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
