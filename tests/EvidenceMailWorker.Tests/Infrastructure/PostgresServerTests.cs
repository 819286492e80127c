using Npgsql;
using Xunit;

namespace EvidenceMailWorker.Tests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresFixture fixture)
{
    [Fact]
    public async Task Server_answers_version_query()
    {
        await using var connection = new NpgsqlConnection(fixture.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version()", connection);

        var version = (string?)await command.ExecuteScalarAsync();

        Assert.StartsWith("PostgreSQL ", version);
    }

    [Fact]
    public async Task Each_created_database_is_separate()
    {
        var first = await fixture.CreateDatabaseAsync("sanity");
        var second = await fixture.CreateDatabaseAsync("sanity");

        Assert.NotEqual(first, second);
        await ExecuteAsync(first, "CREATE TABLE only_in_first (id int)");

        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"));
        Assert.NotEqual(await ScalarAsync(first, "SELECT current_database()"), await ScalarAsync(second, "SELECT current_database()"));
    }

    [Fact]
    public async Task Vietnamese_text_round_trips()
    {
        const string subject = "Cụm 2 gửi minh chứng 6 tháng đầu năm";
        var connectionString = await fixture.CreateDatabaseAsync("utf8");
        await ExecuteAsync(connectionString, "CREATE TABLE mail (subject text NOT NULL)");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO mail (subject) VALUES ($1)", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = subject });
            await insert.ExecuteNonQueryAsync();
        }

        await using var select = new NpgsqlCommand(
            "SELECT subject, length(subject), upper(subject) FROM mail WHERE subject ILIKE '%GỬI MINH CHỨNG%'", connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "ILIKE must match Vietnamese text case-insensitively (needs a UTF-8 ctype).");
        Assert.Equal(subject, reader.GetString(0));
        Assert.Equal(subject.Length, reader.GetInt32(1));
        Assert.Equal(subject.ToUpperInvariant(), reader.GetString(2));
    }

    [Fact]
    public void Singleton_is_shared()
    {
        Assert.Same(PostgresServer.Instance, fixture.Server);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
