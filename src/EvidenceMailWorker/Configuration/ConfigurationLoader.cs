using Microsoft.Extensions.Configuration;

namespace EvidenceMailWorker.Configuration;

// CONTRACT §1: appsettings.json → campaign.json → EVIDENCEMAIL_ environment → --Section:Key=value.
public static class ConfigurationLoader
{
    public const string EnvironmentPrefix = "EVIDENCEMAIL_";
    public const string AppSettingsFile = "appsettings.json";
    public const string CampaignFile = "campaign.json";
    public const string ConfigFolderName = "config";
    public const string TemplatesFolderName = "templates";

    // Both files are optional so that a missing campaign.json surfaces as a readable
    // "Campaign section is missing" problem from `config check` instead of a FileNotFoundException.
    // reloadOnChange lets the worker pick up an admin's edit; tests pass false to avoid watchers.
    public static IConfigurationRoot Build(
        string? configDir, IEnumerable<string> overrides, bool reloadOnChange = true)
    {
        var dir = ResolveConfigDirectory(configDir);
        try
        {
            return new ConfigurationBuilder()
                .AddInMemoryCollection([new KeyValuePair<string, string?>($"{TemplatesOptions.Section}:Folder", DefaultTemplatesFolder(dir))])
                .Add(IndexedJson(Path.Combine(dir, AppSettingsFile), reloadOnChange))
                .Add(IndexedJson(Path.Combine(dir, CampaignFile), reloadOnChange))
                .AddEnvironmentVariables(EnvironmentPrefix)
                .AddCommandLine(overrides.ToArray())
                .Build();
        }
        catch (InvalidDataException ex)
        {
            // The JSON provider's message names the file; the JsonException two levels down knows where
            // the syntax broke (zero-based; people count lines and columns from 1, as editors do).
            throw new ConfigurationLoadException(ex.Message + Where(ex), ex);
        }
    }

    // AddJsonFile's set-up (a file provider rooted at the file's folder), with fast child-key lookups.
    private static IndexedJsonSource IndexedJson(string path, bool reloadOnChange)
    {
        var source = new IndexedJsonSource { Path = path, Optional = true, ReloadOnChange = reloadOnChange };
        source.ResolveFileProvider();
        return source;
    }

    // A config folder of its own (a district's campaign.json) may leave the wording alone: then the
    // templates shipped beside the executable are used.
    public static string DefaultTemplatesFolder(string configDir)
    {
        var own = Path.Combine(configDir, TemplatesFolderName);
        return Directory.Exists(own) ? own : "";
    }

    private static string Where(Exception ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { LineNumber: { } line } json)
            {
                var what = json.Message;
                var cut = what.IndexOf(" Path:", StringComparison.Ordinal) is var p and >= 0 ? p : what.IndexOf(" LineNumber:", StringComparison.Ordinal);
                if (cut > 0)
                    what = what[..cut];
                return $" Line {line + 1}, column {(json.BytePositionInLine ?? 0) + 1}: {what}";
            }
        }
        return ex.InnerException is null ? "" : $" ({ex.InnerException.Message})";
    }

    // An explicit --config-dir that does not exist is a typo worth stopping for; the implicit
    // default falls back to the copy next to the executable so an installed worker runs anywhere.
    public static string ResolveConfigDirectory(string? configDir)
    {
        if (!string.IsNullOrWhiteSpace(configDir))
        {
            var explicitDir = Path.GetFullPath(configDir);
            if (!Directory.Exists(explicitDir))
                throw new ConfigurationLoadException($"config folder '{explicitDir}' does not exist");
            return explicitDir;
        }

        var local = Path.Combine(Directory.GetCurrentDirectory(), ConfigFolderName);
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, ConfigFolderName);
    }
}
