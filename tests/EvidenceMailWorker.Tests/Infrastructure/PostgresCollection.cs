namespace EvidenceMailWorker.Tests.Infrastructure;

/// <summary>
/// For test classes that prefer constructor injection: <c>[Collection(PostgresCollection.Name)]</c>
/// and take <see cref="PostgresFixture"/>. All collections still share the one server.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

public sealed class PostgresFixture
{
    // Starting here (not on first use) makes a missing PostgreSQL a fixture failure on every test.
    public PostgresServer Server { get; } = PostgresServer.Instance;

    public string AdminConnectionString => Server.AdminConnectionString;

    public Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default) =>
        Server.CreateDatabaseAsync(prefix, cancellationToken);
}
