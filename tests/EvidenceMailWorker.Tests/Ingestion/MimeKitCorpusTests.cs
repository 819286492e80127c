using EvidenceMailWorker.Ingestion;
using MimeKit;
using Xunit;

namespace EvidenceMailWorker.Tests.Ingestion;

// Odd real-world messages from MimeKit's own test data must decompose without throwing. The corpus
// is read in place (not ours to copy); its absence must fail loudly, not pass by testing nothing.
public sealed class MimeKitCorpusTests : IDisposable
{
    private readonly DecompositionFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Every_corpus_message_decomposes()
    {
        var folder = FindCorpus();
        Assert.True(folder is not null, "MimeKit corpus not found: expected shared/corpora/mimekit/messages above the test folder (e.g. /work/shared/corpora/mimekit/messages).");

        var files = Directory.GetFiles(folder!);
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

    private static string? FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpora", "mimekit", "messages");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
