using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Data.Sqlite;
using MimeKit;
using Npgsql;

namespace EvidenceMailWorker.Tests.Cli;

// `import` and `submissions` as a user runs them: the real executable, real files, the embedded SQLite
// (PostgreSQL for the kill test, which needs a lock wait inside the database).
public sealed class ImportCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DataArg => $"--Storage:DataDirectory={_folder.Combine("data")}";

    private string WriteSubmissions(int count, int attachmentBytes)
    {
        var inbox = _folder.Combine("mail");
        Directory.CreateDirectory(inbox);
        for (var i = 0; i < count; i++)
        {
            var message = Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", $"Cụm 2 gửi minh chứng số {i}",
                ($"TC 1.{i % 5 + 1} - Kế hoạch số {i}.pdf", Submissions.Pdf($"plan {i}")),
                ($"Tiêu chí 2.3 - ảnh {i}.jpg", Submissions.Jpeg(attachmentBytes, i)));
            message.WriteTo(Path.Combine(inbox, $"{i:D4}.eml"));
        }
        return inbox;
    }

    [Fact]
    public async Task Import_then_submissions_shows_every_file_with_its_exact_name_and_hash()
    {
        var inbox = WriteSubmissions(3, 20_000);
        var import = await WorkerProcess.RunAsync(_folder.Path, "import", inbox, "--json", DataArg);
        Assert.True(import.ExitCode == 0, import.Stderr);
        using (var counts = JsonDocument.Parse(import.Stdout))
        {
            Assert.Equal(3, counts.RootElement.GetProperty("messages").GetInt32());
            Assert.Equal(3, counts.RootElement.GetProperty("imported").GetInt32());
            Assert.Equal(3, counts.RootElement.GetProperty("accepted").GetInt32());
            Assert.Equal(0, counts.RootElement.GetProperty("duplicates").GetInt32());
        }

        var list = await WorkerProcess.RunAsync(_folder.Path, "submissions", "--json", "--status", "accepted", DataArg);
        Assert.True(list.ExitCode == 0, list.Stderr);
        using var json = JsonDocument.Parse(list.Stdout);
        var first = json.RootElement.EnumerateArray().Single(s => s.GetProperty("subject").GetString() == "Cụm 2 gửi minh chứng số 1");
        Assert.Equal("cum-2", first.GetProperty("cluster").GetString());
        Assert.Equal("xa-ngoc-chuc", first.GetProperty("unit").GetString());
        Assert.Equal("2024-06-08T09:15:00+07:00", first.GetProperty("receivedAt").GetString());
        var files = first.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal("TC 1.2 - Kế hoạch số 1.pdf", files[0].GetProperty("fileName").GetString());
        Assert.Equal(Submissions.Sha256(Submissions.Pdf("plan 1")), files[0].GetProperty("sha256").GetString());
        Assert.Equal("Tiêu chí 2.3 - ảnh 1.jpg", files[1].GetProperty("fileName").GetString());
        Assert.Equal(Submissions.Sha256(Submissions.Jpeg(20_000, 1)), files[1].GetProperty("sha256").GetString());
        Assert.Equal(JsonValueKind.Null, files[1].GetProperty("archivePath").ValueKind);

        var again = await WorkerProcess.RunAsync(_folder.Path, "import", inbox, "--json", DataArg);
        using var counts2 = JsonDocument.Parse(again.Stdout);
        Assert.Equal(0, counts2.RootElement.GetProperty("imported").GetInt32());
        Assert.Equal(3, counts2.RootElement.GetProperty("duplicates").GetInt32());
    }

    // The kill must land mid-import on any machine, however fast: a trigger on the messages table
    // makes every raw commit after the tenth wait for an advisory lock the test holds (a real lock
    // wait in the real database), so the import is killed while it is blocked inside its commits,
    // with some messages in and the rest spooled, parsed or half-written.
    [Fact]
    public async Task Killing_an_import_midway_and_rerunning_stores_every_message_exactly_once()
    {
        const int count = 150;
        var inbox = WriteSubmissions(count, 30_000);
        var connection = await Infrastructure.PostgresServer.Instance.CreateDatabaseAsync("import_kill");
        string[] postgres = ["--Database:Provider=Postgres", $"--Database:ConnectionString={connection}", DataArg];
        var migrate = await WorkerProcess.RunAsync(_folder.Path, ["db", "migrate", .. postgres]);
        Assert.True(migrate.ExitCode == 0, migrate.Stderr);

        await using var test = new NpgsqlConnection(connection);
        await test.OpenAsync();
        await test.ExecuteAsync("""
            CREATE FUNCTION stall_after_ten() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (SELECT count(*) FROM messages) >= 10 THEN
                    PERFORM pg_advisory_lock(4242);
                    PERFORM pg_advisory_unlock(4242);
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER stall_after_ten BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION stall_after_ten();
            SELECT pg_advisory_lock(4242);
            """);

        using (var first = WorkerProcess.Start(_folder.Path, ["import", inbox, .. postgres]))
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (await test.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0
                   && DateTime.UtcNow < deadline && !first.HasExited)
                await Task.Delay(50);
            Assert.False(first.HasExited, "the import ended before its eleventh raw commit");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        // A killed client's backends do not notice until they next read from it: the blocked ones still wait
        // on the lock (and hold theirs on messages). They are ended, as the server would end them on
        // its own only after a TCP timeout, and their transactions roll back.
        await test.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var backendsGone = DateTime.UtcNow.AddSeconds(60);
        while (await test.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") > 0
               && DateTime.UtcNow < backendsGone)
            await Task.Delay(50);
        var afterKill = await test.ExecuteScalarAsync<long>("SELECT count(*) FROM messages");
        Assert.InRange(afterKill, 10, count - 1);
        await test.ExecuteAsync("DROP TRIGGER stall_after_ten ON messages; SELECT pg_advisory_unlock(4242);");

        var rerun = await WorkerProcess.RunAsync(_folder.Path, ["import", inbox, "--json", .. postgres]);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);

        Assert.Equal(count, await test.ExecuteScalarAsync<long>("SELECT count(*) FROM messages"));
        Assert.Equal(count, await test.ExecuteScalarAsync<long>("SELECT count(DISTINCT message_id) FROM messages"));
        Assert.Equal(count, await test.ExecuteScalarAsync<long>("SELECT count(*) FROM messages WHERE status = 'accepted'"));
        Assert.Equal(2 * count, await test.ExecuteScalarAsync<long>("SELECT count(*) FROM attachments"));
    }

    [Fact]
    public async Task A_missing_path_is_a_clear_error_with_exit_2()
    {
        var result = await WorkerProcess.RunAsync(_folder.Path, "import", _folder.Combine("nope"), DataArg);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file or folder", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task An_invalid_campaign_stops_every_verb_with_exit_1_and_the_json_path()
    {
        var config = _folder.Combine("config");
        Directory.CreateDirectory(config);
        File.Copy(Path.Combine(RepositoryRoot.Config, "appsettings.json"), Path.Combine(config, "appsettings.json"));
        var campaign = File.ReadAllText(Path.Combine(RepositoryRoot.Config, "campaign.json"))
            .Replace("\"Leader\": \"xa-hoa-thuan\"", "\"Leader\": \"xa-ngoc-chuc\"");
        File.WriteAllText(Path.Combine(config, "campaign.json"), campaign);

        var result = await WorkerProcess.RunAsync(_folder.Path, "--config-dir", config, "submissions", DataArg);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Campaign.Clusters[2].Leader", result.Stderr);
    }

    private static async Task<long> CountAsync(string database, string sql)
    {
        if (!File.Exists(database))
            return 0;
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        catch (SqliteException)
        {
            return 0; // not migrated yet
        }
    }
}
