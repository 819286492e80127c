using EvidenceMailWorker.Configuration;
using Microsoft.Data.Sqlite;
using Xunit;

namespace EvidenceMailWorker.Tests.Configuration;

public sealed class ResolvedPathsTests
{
    private static readonly string Cwd = Path.Combine(Path.GetTempPath(), "evidencemail-cwd");

    [Fact]
    public void Defaults_live_under_the_data_directory_relative_to_the_current_folder()
    {
        var paths = ResolvedPaths.Resolve(TestConfig.InMemory(), Cwd);

        var data = Path.Combine(Cwd, "data");
        Assert.Equal(data, paths.DataDirectory);
        Assert.Equal(Path.Combine(data, "inbox"), paths.InboxFolder);
        Assert.Equal(Path.Combine(data, "outbox"), paths.OutboxFolder);
        Assert.Equal(Path.Combine(data, "logs"), paths.LogsFolder);
        Assert.Equal(Path.Combine(data, "spool"), paths.SpoolFolder);
        Assert.Equal(Path.Combine(data, "evidence.db"), new SqliteConnectionStringBuilder(paths.SqliteConnectionString).DataSource);
    }

    [Fact]
    public void Configured_folders_are_made_absolute()
    {
        var paths = ResolvedPaths.Resolve(TestConfig.InMemory(
            ("Storage:DataDirectory", "var/evidence"),
            ("Mailbox:Folder", "drop"),
            ("Database:ConnectionString", "Data Source=custom.db;Cache=Shared")), Cwd);

        Assert.Equal(Path.Combine(Cwd, "var", "evidence"), paths.DataDirectory);
        Assert.Equal(Path.Combine(Cwd, "drop"), paths.InboxFolder);
        var sqlite = new SqliteConnectionStringBuilder(paths.SqliteConnectionString);
        Assert.Equal(Path.Combine(Cwd, "var", "evidence", "custom.db"), sqlite.DataSource);
        Assert.Equal(SqliteCacheMode.Shared, sqlite.Cache);
    }

    [Fact]
    public void Log_path_placeholder_expands_to_the_logs_folder()
    {
        var paths = ResolvedPaths.Resolve(TestConfig.InMemory(), Cwd);
        Assert.Equal(Path.Combine(Cwd, "data", "logs") + "/worker-.log", paths.ExpandPlaceholders("{LogsFolder}/worker-.log"));
    }
}
