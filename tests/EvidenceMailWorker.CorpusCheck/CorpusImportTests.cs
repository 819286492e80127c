using System.Security.Cryptography;
using System.Text.Json;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using Dapper;

namespace EvidenceMailWorker.CorpusCheck;

// Every file of ../shared/corpora (MimeKit's and the hostile set from 13 other projects) through the
// real `import`, on both providers: each ends up stored with a status (a `failed` one with its
// reason), or is refused with a note (an Outlook file); none is lost as another's "duplicate".
// A missing corpus folder fails: CI always has it.
public sealed class CorpusImportTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_corpus_file_is_stored_with_a_status_or_refused_with_a_note(DatabaseProvider provider)
    {
        var corpora = RepositoryRoot.CorporaFolder;
        Assert.True(Directory.Exists(corpora), $"the shared corpora folder {corpora} is missing; the corpus check needs it");
        var files = Directory.EnumerateFiles(corpora, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(corpora, f) != "README.md")
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 500, $"only {files.Count} corpus files under {corpora}");

        var data = _folder.Combine("data");
        var connectionString = provider == DatabaseProvider.Postgres
            ? await PostgresServer.Instance.CreateDatabaseAsync("corpus")
            : $"Data Source={Path.Combine(data, "evidence.db")}";
        string[] settings = [$"--Storage:DataDirectory={data}", $"--Database:Provider={provider}", $"--Database:ConnectionString={connectionString}"];

        var import = await WorkerProcess.RunAsync(_folder.Path, ["import", .. files, "--json", .. settings]);
        var refused = import.Stderr.Split('\n').Where(l => l.StartsWith("not read: ", StringComparison.Ordinal)).ToList();
        Assert.True(import.ExitCode is 0 or 2 && import.Stdout.Length > 0, $"exit {import.ExitCode}: {import.Stderr}");
        Assert.All(refused, line => Assert.Contains("Outlook .msg", line));

        using var counts = JsonDocument.Parse(import.Stdout);
        var messages = counts.RootElement.GetProperty("messages").GetInt32();
        Assert.Equal(messages, counts.RootElement.GetProperty("imported").GetInt32() + counts.RootElement.GetProperty("duplicates").GetInt32());

        await using var database = new Database(provider, connectionString);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var badStatus = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM messages WHERE status NOT IN ('accepted','quarantined','ignored','failed') " +
            "OR (status = 'failed' AND (reason IS NULL OR error IS NULL)) OR (status <> 'accepted' AND reason IS NULL)");
        Assert.Equal(0, badStatus);

        var lost = new List<string>();
        foreach (var file in files)
        {
            if (MboxReader.LooksLikeMbox(file) || refused.Any(r => r.Contains(file, StringComparison.Ordinal)))
                continue;
            var (sha, key) = await IdentityAsync(file);
            var found = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM messages WHERE raw_sha256 = @sha OR content_key = @key", new { sha, key });
            if (found == 0)
                lost.Add(Path.GetRelativePath(corpora, file));
        }
        Assert.True(lost.Count == 0, $"{lost.Count} corpus file(s) not stored and not the same message as a stored one:\n{string.Join('\n', lost)}");
    }

    // The identity the archive gives a file: its bytes, or its Message-ID with its body.
    private static async Task<(string Sha, string Key)> IdentityAsync(string file)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var hasher = new BodyHasher();
        hasher.Append(bytes);
        var facts = await HeaderFacts.ReadAsync(new SpooledFile(file, sha, bytes.Length), CancellationToken.None);
        return (sha, ContentKey.Compute(facts.MessageId, hasher.Finish(), sha));
    }
}
