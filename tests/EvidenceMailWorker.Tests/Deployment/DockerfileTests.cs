using System.Text.RegularExpressions;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Deployment;

// There is no Docker engine on these machines, so the image is checked as far as it can be without
// one: hadolint's rules that apply to this file (numbered as hadolint numbers them), and that the
// image runs what deploy/check-published.sh runs (the linux-x64 publish in /app, /data, uid 1654).
public sealed class DockerfileTests
{
    private static readonly string Path = System.IO.Path.Combine(RepositoryRoot.Path, "Dockerfile");
    private static readonly IReadOnlyList<DockerInstruction> Instructions = Dockerfile.Parse(Path);

    private static IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    private static IReadOnlyList<DockerInstruction> FinalStage =>
        Instructions.SkipWhile(i => i != All("FROM").Last()).ToList();

    private static bool Ignored(DockerInstruction instruction, string rule) =>
        Dockerfile.CommentsAbove(Path, instruction.Line).Any(c => Regex.IsMatch(c, $@"^#\s*hadolint ignore=([A-Z0-9,]*,)?{rule}\b"));

    [Fact]
    public void Every_base_image_has_a_tag_that_is_not_latest_DL3006_DL3007()
    {
        foreach (var from in All("FROM"))
        {
            var image = from.Arguments.Split(' ')[0];
            Assert.Matches(@"^[a-z0-9./-]+:[A-Za-z0-9._-]+$", image);
            Assert.False(image.EndsWith(":latest", StringComparison.Ordinal), $"line {from.Line}: {image}");
        }
    }

    [Fact]
    public void The_image_is_built_in_one_stage_and_run_from_another()
    {
        var froms = All("FROM").ToList();
        Assert.True(froms.Count >= 2, "multi-stage: an SDK stage and a runtime stage");
        Assert.Matches(@"\bAS build$", froms[0].Arguments);
        Assert.Contains(FinalStage, i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
        Assert.DoesNotContain("sdk", froms[^1].Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_runs_as_a_non_root_user_DL3002()
    {
        var user = FinalStage.Last(i => i.Keyword == "USER").Arguments;
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        // runtime-deps sets APP_UID=1654 for its "app" user; check-published.sh runs as that uid.
        Assert.Equal("$APP_UID", user);
        Assert.Contains("app_uid=1654", File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, "deploy", "check-published.sh")));
    }

    [Fact]
    public void Commands_use_the_exec_form_DL3025_and_run_the_published_single_file_build()
    {
        var entrypoint = FinalStage.Last(i => i.Keyword == "ENTRYPOINT");
        Assert.Equal(["/app/EvidenceMailWorker"], Dockerfile.ExecForm(entrypoint.Arguments));
        var cmd = FinalStage.Last(i => i.Keyword == "CMD");
        Assert.Equal(["run"], Dockerfile.ExecForm(cmd.Arguments));
        Assert.Equal("/app", FinalStage.Last(i => i.Keyword == "WORKDIR").Arguments);
        Assert.Contains(FinalStage, i => i.Keyword == "COPY" && i.Arguments == "--from=build /src/artifacts/publish/linux-x64/ ./");
        Assert.Contains(All("RUN"), i => i.Arguments.Contains("-p:PublishProfile=linux-x64", StringComparison.Ordinal));
    }

    [Fact]
    public void The_chart_font_is_in_the_image()
    {
        // The publish output carries Assets/Fonts (the csproj copies it); the build stops if it did not.
        Assert.Contains(All("RUN"), i => i.Arguments.Contains("test -s artifacts/publish/linux-x64/Assets/Fonts/DejaVuSans.ttf", StringComparison.Ordinal));
        Assert.True(File.Exists(System.IO.Path.Combine(RepositoryRoot.Path, "src", "EvidenceMailWorker", "Assets", "Fonts", "DejaVuSans.ttf")));
    }

    [Fact]
    public void Data_is_a_volume_and_the_healthcheck_asks_the_workers_own_healthz()
    {
        Assert.Equal("/data", FinalStage.Single(i => i.Keyword == "VOLUME").Arguments);
        var env = string.Join(' ', FinalStage.Where(i => i.Keyword == "ENV").Select(i => i.Arguments));
        Assert.Contains("EVIDENCEMAIL_Storage__DataDirectory=/data", env);
        var url = Regex.Match(env, @"EVIDENCEMAIL_Health__Url=(\S+)").Groups[1].Value;
        var healthcheck = FinalStage.Single(i => i.Keyword == "HEALTHCHECK");
        var command = healthcheck.Arguments[(healthcheck.Arguments.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..];
        var exec = Dockerfile.ExecForm(command);
        Assert.Equal("curl", exec[0]);
        Assert.Contains("--fail", exec);
        Assert.Equal(url + "/healthz", exec[^1]);
        // The URL is one the worker accepts without Health:AllowRemote (loopback inside the container).
        var problems = ConfigurationProblems.Find(ConfigurationLoader.Build(RepositoryRoot.Config, [$"--Health:Url={url}"], reloadOnChange: false));
        Assert.Empty(problems);
    }

    [Fact]
    public void Apt_get_follows_hadolint_DL3009_DL3014_DL3015_DL3008()
    {
        foreach (var run in All("RUN").Where(r => r.Arguments.Contains("apt-get install", StringComparison.Ordinal)))
        {
            Assert.Contains("apt-get update", run.Arguments);
            Assert.Contains("rm -rf /var/lib/apt/lists/*", run.Arguments);
            Assert.Contains(" -y ", run.Arguments);
            Assert.Contains("--no-install-recommends", run.Arguments);
            var packages = Regex.Match(run.Arguments, @"--no-install-recommends\s+([^&]+)").Groups[1].Value
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(packages);
            Assert.True(Ignored(run, "DL3008") || packages.All(p => p.Contains('=')),
                $"line {run.Line}: pin package versions or say why not (# hadolint ignore=DL3008)");
        }
    }

    [Fact]
    public void No_ADD_no_cd_no_unguarded_pipes_DL3020_DL3003_DL4006()
    {
        Assert.Empty(All("ADD"));
        foreach (var run in All("RUN"))
        {
            Assert.DoesNotMatch(@"(^|&&|;)\s*cd\s", run.Arguments);
            Assert.True(!run.Arguments.Contains(" | ", StringComparison.Ordinal) || All("SHELL").Any(s => s.Arguments.Contains("pipefail", StringComparison.Ordinal)),
                $"line {run.Line}: a pipe needs SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]");
        }
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_data_and_secrets()
    {
        var ignored = File.ReadAllLines(System.IO.Path.Combine(RepositoryRoot.Path, ".dockerignore"));
        foreach (var entry in new[] { "**/bin", "**/obj", "artifacts", "data", "deploy/.env", ".git" })
            Assert.Contains(entry, ignored);
    }
}
