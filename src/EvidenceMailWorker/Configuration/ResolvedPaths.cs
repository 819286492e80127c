using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Configuration;

// Every on-disk location the worker uses, absolute, so no component depends on the process's
// current directory after start-up (a Windows service runs in System32).
public sealed record ResolvedPaths(
    string DataDirectory,
    string SqliteConnectionString,
    string InboxFolder,
    string OutboxFolder,
    string LogsFolder,
    string SpoolFolder)
{
    public const string DefaultDataDirectory = "./data";
    public const string SqliteFileName = "evidence.db";

    // Stands in for the logs folder in the Serilog file sink's path in appsettings.json, because
    // the data directory is only known once configuration is loaded.
    public const string LogsFolderPlaceholder = "{LogsFolder}";

    public static ResolvedPaths Resolve(IConfiguration config, string? currentDirectory = null)
    {
        var cwd = currentDirectory ?? Directory.GetCurrentDirectory();
        var data = Path.GetFullPath(
            NonBlank(config["Storage:DataDirectory"]) ?? DefaultDataDirectory, cwd);

        return new ResolvedPaths(
            data,
            SqliteConnection(config, data),
            FolderOrDefault(config["Mailbox:Folder"], cwd, Path.Combine(data, "inbox")),
            FolderOrDefault(config["Outbox:Folder"], cwd, Path.Combine(data, "outbox")),
            Path.Combine(data, "logs"),
            Path.Combine(data, "spool"));
    }

    public string ExpandPlaceholders(string path) =>
        path.Replace(LogsFolderPlaceholder, LogsFolder, StringComparison.Ordinal);

    // A Postgres connection string in Database:ConnectionString is not ours to interpret; with
    // Sqlite, a relative Data Source is taken to mean "inside the data directory".
    private static string SqliteConnection(IConfiguration config, string data)
    {
        var isSqlite = !string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);
        var configured = NonBlank(config["Database:ConnectionString"]);
        var builder = isSqlite && configured is not null
            ? new SqliteConnectionStringBuilder(configured)
            : new SqliteConnectionStringBuilder { DataSource = SqliteFileName };

        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(builder.DataSource, data);
        return builder.ToString();
    }

    private static string FolderOrDefault(string? configured, string cwd, string fallback) =>
        NonBlank(configured) is { } folder ? Path.GetFullPath(folder, cwd) : fallback;

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
