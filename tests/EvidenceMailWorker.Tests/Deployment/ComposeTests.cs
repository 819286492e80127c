using System.Text.RegularExpressions;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace EvidenceMailWorker.Tests.Deployment;

// deploy/docker-compose.yml without a Docker engine: it parses as YAML (merge keys resolved, as
// compose does), uses only keys of the Compose specification and images that exist, its workers
// share one PostgreSQL with a data volume each, and the committed .env example gives every secret
// it asks for in a form the worker's configuration accepts.
public sealed class ComposeTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot.Path, "deploy");

    // Checked against the publishers' own repositories: dotnet/dotnet-docker (src/sdk/10.0/noble,
    // src/runtime-deps/10.0/noble) and docker-library/postgres (15). A new image is added here only
    // after checking that its tag exists.
    private static readonly string[] KnownImages =
    [
        "mcr.microsoft.com/dotnet/sdk:10.0-noble",
        "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble",
        "postgres:15",
    ];

    // The Compose specification's keys this project may use (compose-spec/compose-spec, 05-services.md ...).
    private static readonly string[] TopLevelKeys = ["name", "services", "volumes", "networks", "configs", "secrets"];
    private static readonly string[] ServiceKeys =
    [
        "image", "build", "restart", "depends_on", "env_file", "environment", "volumes", "healthcheck", "stop_grace_period",
        "command", "entrypoint", "ports", "networks", "deploy", "user", "working_dir", "labels", "logging", "pull_policy", "hostname",
    ];
    private static readonly string[] BuildKeys = ["context", "dockerfile", "args", "target"];
    private static readonly string[] HealthcheckKeys = ["test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"];
    private static readonly string[] DependsOnKeys = ["condition", "restart", "required"];

    private static Dictionary<string, object> Compose()
    {
        using var reader = new StreamReader(Path.Combine(Deploy, "docker-compose.yml"));
        var parsed = new DeserializerBuilder().Build().Deserialize<object>(new MergingParser(new Parser(reader)));
        return Map(parsed);
    }

    private static Dictionary<string, object> Map(object? node) =>
        Assert.IsType<Dictionary<object, object>>(node).ToDictionary(kv => (string)kv.Key, kv => kv.Value);

    private static Dictionary<string, Dictionary<string, object>> Services() =>
        Map(Compose()["services"]).ToDictionary(kv => kv.Key, kv => Map(kv.Value));

    private static IEnumerable<KeyValuePair<string, Dictionary<string, object>>> Workers() =>
        Services().Where(s => s.Key.StartsWith("worker", StringComparison.Ordinal));

    [Fact]
    public void It_uses_only_compose_specification_keys()
    {
        foreach (var key in Compose().Keys)
            Assert.True(TopLevelKeys.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal), $"top-level '{key}'");
        foreach (var (name, service) in Services())
        {
            foreach (var key in service.Keys)
                Assert.True(ServiceKeys.Contains(key), $"services.{name}.{key}");
            if (service.TryGetValue("build", out var build))
                Assert.All(Map(build).Keys, k => Assert.Contains(k, BuildKeys));
            if (service.TryGetValue("healthcheck", out var healthcheck))
                Assert.All(Map(healthcheck).Keys, k => Assert.Contains(k, HealthcheckKeys));
            if (service.TryGetValue("depends_on", out var dependsOn))
                foreach (var (other, how) in Map(dependsOn))
                {
                    Assert.Contains(other, Services().Keys);
                    Assert.All(Map(how).Keys, k => Assert.Contains(k, DependsOnKeys));
                    Assert.Contains(Map(how)["condition"], new object[] { "service_started", "service_healthy", "service_completed_successfully" });
                }
            if (service.TryGetValue("restart", out var restart))
                Assert.Contains(restart, new object[] { "no", "always", "on-failure", "unless-stopped" });
        }
        var declared = Map(Compose()["volumes"]).Keys;
        foreach (var (name, service) in Services())
            foreach (var volume in ((List<object>)service["volumes"]).Cast<string>())
            {
                var source = volume.Split(':')[0];
                Assert.True(source.StartsWith('.') || declared.Contains(source), $"services.{name}.volumes: '{source}' is not declared");
            }
    }

    [Fact]
    public void Its_images_exist_and_the_workers_are_built_from_the_repository_dockerfile()
    {
        Assert.All(Services().Values.Where(s => !s.ContainsKey("build")), s => Assert.Contains((string)s["image"], KnownImages));
        foreach (var from in Dockerfile.Parse(Path.Combine(RepositoryRoot.Path, "Dockerfile")).Where(i => i.Keyword == "FROM"))
            Assert.Contains(from.Arguments.Split(' ')[0], KnownImages);
        Assert.Equal("postgres:15", Services()["postgres"]["image"]);
        foreach (var (_, worker) in Workers())
        {
            var build = Map(worker["build"]);
            Assert.True(File.Exists(Path.Combine(Deploy, (string)build["context"], (string)build["dockerfile"])));
        }
    }

    [Fact]
    public void Two_workers_share_one_postgres_database_each_with_its_own_data_volume()
    {
        var workers = Workers().ToList();
        Assert.Equal(2, workers.Count);
        var dataVolumes = workers.Select(w => ((List<object>)w.Value["volumes"]).Cast<string>().Single(v => v.EndsWith(":/data", StringComparison.Ordinal))).ToList();
        Assert.Equal(dataVolumes.Count, dataVolumes.Distinct().Count());
        var databases = workers.Select(w => Map(w.Value["environment"])["EVIDENCEMAIL_Database__ConnectionString"]).Distinct().ToList();
        Assert.Single(databases);
        Assert.Contains("Host=postgres;", (string)databases[0]);
        Assert.All(workers, w => Assert.Equal("Postgres", Map(w.Value["environment"])["EVIDENCEMAIL_Database__Provider"]));
        Assert.All(workers, w => Assert.Equal(new List<object> { ".env" }, w.Value["env_file"]));
    }

    [Fact]
    public void The_committed_env_example_gives_every_variable_and_a_valid_worker_configuration()
    {
        var example = ReadEnvFile(Path.Combine(Deploy, ".env.example"));
        var compose = File.ReadAllText(Path.Combine(Deploy, "docker-compose.yml"));
        foreach (Match variable in Regex.Matches(compose, @"\$\{([A-Z0-9_]+)"))
            Assert.True(example.ContainsKey(variable.Groups[1].Value), $"${{{variable.Groups[1].Value}}} is not in deploy/.env.example");

        // What a worker container gets: the env_file, then the service's environment (which wins).
        var environment = new Dictionary<string, string>(example);
        foreach (var (key, value) in Map(Workers().First().Value["environment"]))
            environment[key] = Regex.Replace((string)value, @"\$\{([A-Z0-9_]+)[^}]*\}", m => example[m.Groups[1].Value]);
        AssertValidConfiguration(environment);
        Assert.Contains("deploy/.env", File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".gitignore")));
    }

    [Fact]
    public void The_systemd_env_example_is_a_valid_worker_configuration()
    {
        AssertValidConfiguration(ReadEnvFile(Path.Combine(Deploy, "evidencemailworker.env.example")));
    }

    // EVIDENCEMAIL_Section__Key=value as the worker reads it (the same keys as --Section:Key=value).
    private static void AssertValidConfiguration(Dictionary<string, string> environment)
    {
        var overrides = environment.Where(kv => kv.Key.StartsWith("EVIDENCEMAIL_", StringComparison.Ordinal))
            .Select(kv => $"--{kv.Key["EVIDENCEMAIL_".Length..].Replace("__", ":", StringComparison.Ordinal)}={kv.Value}").ToArray();
        Assert.NotEmpty(overrides);
        var problems = ConfigurationProblems.Find(ConfigurationLoader.Build(RepositoryRoot.Config, overrides, reloadOnChange: false));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
