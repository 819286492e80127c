using Xunit;
using EvidenceMailWorker.Configuration;
using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Tests.Configuration;

// Tests read the repository's own config folder, so the shipped defaults are what is tested.
internal static class TestConfig
{
    public static string RepoConfigDir { get; } = Path.Combine(FindRepoRoot(), "config");

    public static ConfigurationRoot LoadRepoConfig(params string[] overrides) =>
        Load(RepoConfigDir, overrides);

    // The concrete root is disposable (it owns the file watchers); the interface is not.
    public static ConfigurationRoot Load(string dir, string[]? overrides = null, bool reloadOnChange = false) =>
        (ConfigurationRoot)ConfigurationLoader.Build(dir, overrides ?? [], reloadOnChange);

    // A fresh copy each time so a test can break it without affecting the others.
    public static CampaignOptions SampleCampaign()
    {
        var campaign = CampaignReader.Read(LoadRepoConfig(), out var problems);
        Assert.Empty(problems);
        return campaign;
    }

    public static IConfigurationRoot InMemory(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EvidenceMailWorker.sln")))
                return dir.FullName;
        throw new InvalidOperationException("EvidenceMailWorker.sln not found above " + AppContext.BaseDirectory);
    }
}

// A throw-away config folder for tests that need files the repository does not have.
internal sealed class TempConfigDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("evidencemail-config-").FullName;

    public TempConfigDir Write(string fileName, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, fileName), content);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
