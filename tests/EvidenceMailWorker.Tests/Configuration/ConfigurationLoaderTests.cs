using EvidenceMailWorker.Configuration;
using Xunit;

namespace EvidenceMailWorker.Tests.Configuration;

// Environment variables are process-wide: this collection keeps the test that sets one from
// running beside other loader tests.
[Collection(nameof(ConfigurationLoaderTests))]
public sealed class ConfigurationLoaderTests
{
    [Fact]
    public void Repository_config_loads_with_comments_and_validates_clean()
    {
        using var config = TestConfig.LoadRepoConfig();

        Assert.Equal("Huyện đoàn Giồng Riềng", config["Campaign:Organization"]);
        Assert.Equal("Sqlite", config["Database:Provider"]);
        CampaignReader.Read(config, out var campaignProblems);
        Assert.Empty(campaignProblems);
        Assert.Empty(InfrastructureValidator.Validate(config));
    }

    [Fact]
    public void Comments_and_trailing_commas_parse()
    {
        using var dir = new TempConfigDir().Write("appsettings.json", """
            // leading comment
            {
              /* block comment */
              "Mailbox": { "PollSeconds": 30, }, // trailing comma and comment
            }
            """);
        using var config = TestConfig.Load(dir.Path);
        Assert.Equal("30", config["Mailbox:PollSeconds"]);
    }

    [Fact]
    public void Command_line_override_beats_the_files()
    {
        using var config = TestConfig.LoadRepoConfig("--Database:Provider=Postgres");

        Assert.Equal("Postgres", config["Database:Provider"]);
        ProblemAssert.Single(InfrastructureValidator.Validate(config), "Database.ConnectionString", "a connection string for Postgres");
    }

    [Fact]
    public void Environment_variable_overrides_the_files_and_command_line_overrides_it()
    {
        const string name = "EVIDENCEMAIL_Outbox__MessageIdDomain";
        Environment.SetEnvironmentVariable(name, "from-env.example.org");
        try
        {
            using var fromEnv = TestConfig.LoadRepoConfig();
            Assert.Equal("from-env.example.org", fromEnv["Outbox:MessageIdDomain"]);

            using var fromArgs = TestConfig.LoadRepoConfig("--Outbox:MessageIdDomain=from-args.example.org");
            Assert.Equal("from-args.example.org", fromArgs["Outbox:MessageIdDomain"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Campaign_file_wins_over_appsettings()
    {
        using var dir = new TempConfigDir()
            .Write("appsettings.json", """{ "Storage": { "DataDirectory": "from-appsettings" } }""")
            .Write("campaign.json", """{ "Storage": { "DataDirectory": "from-campaign" } }""");
        using var config = TestConfig.Load(dir.Path);
        Assert.Equal("from-campaign", config["Storage:DataDirectory"]);
    }

    [Fact]
    public void Missing_explicit_config_folder_is_a_load_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "evidencemail-no-such-folder-" + Guid.NewGuid());
        var ex = Assert.Throws<ConfigurationLoadException>(() => ConfigurationLoader.Build(missing, []));
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void Malformed_json_is_a_load_error_naming_the_file()
    {
        using var dir = new TempConfigDir().Write("campaign.json", """{ "Campaign": { "Year": 2024 """);
        var ex = Assert.Throws<ConfigurationLoadException>(() => TestConfig.Load(dir.Path));
        Assert.Contains("campaign.json", ex.Message);
    }

    [Fact]
    public void A_json_syntax_error_names_its_line_and_column()
    {
        using var dir = new TempConfigDir().Write("campaign.json", "{\n  \"Campaign\": {\n    \"Year\": 2024,,\n  }\n}\n");
        var ex = Assert.Throws<ConfigurationLoadException>(() => TestConfig.Load(dir.Path));
        Assert.Contains("campaign.json", ex.Message);
        Assert.Contains("Line 3, column 18", ex.Message);
    }

    [Fact]
    public void Missing_campaign_section_is_one_clear_problem()
    {
        using var dir = new TempConfigDir();
        using var config = TestConfig.Load(dir.Path);
        CampaignReader.Read(config, out var problems);
        ProblemAssert.Single(problems, "Campaign", "section is missing");
    }

    [Fact]
    public void Reload_on_change_is_supported()
    {
        using var dir = new TempConfigDir().Write("appsettings.json", """{ "Mailbox": { "PollSeconds": 30 } }""");
        using var config = TestConfig.Load(dir.Path, reloadOnChange: true);
        Assert.Equal("30", config["Mailbox:PollSeconds"]);
    }
}
