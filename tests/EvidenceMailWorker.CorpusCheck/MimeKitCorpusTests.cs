using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Tests.Ingestion;
using EvidenceMailWorker.Tests.Support;
using MimeKit;
using Xunit;

namespace EvidenceMailWorker.CorpusCheck;

// Odd real-world messages from MimeKit's own test data and the hostile set must decompose without
// throwing. The corpus is read in place (not ours to copy); its absence must fail loudly.
public sealed class MimeKitCorpusTests : IDisposable
{
    private readonly DecompositionFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Every_corpus_message_decomposes()
    {
        var folder = Path.Combine(RepositoryRoot.CorporaFolder, "mimekit", "messages");
        Assert.True(Directory.Exists(folder), $"MimeKit corpus not found at {folder}");

        var files = Directory.GetFiles(folder);
        Assert.True(files.Length > 10, $"only {files.Length} corpus messages found in {folder}");

        var failures = new List<string>();
        foreach (var file in files)
        {
            try
            {
                await using var stream = File.OpenRead(file);
                var message = await MimeMessage.LoadAsync(MessageDecomposer.ParserOptions, stream, persistent: true);
                await _fixture.DecomposeAsync(message);
            }
            catch (Exception ex)
            {
                failures.Add($"{Path.GetFileName(file)}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
