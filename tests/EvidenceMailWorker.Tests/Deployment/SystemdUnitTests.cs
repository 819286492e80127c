using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Deployment;

// deploy/evidencemailworker.service as systemd itself reads it. systemd-analyze verify also checks
// that ExecStart names an executable, so the unit is verified with /opt/evidencemailworker pointing
// at this build's own EvidenceMailWorker executable (the same name the publish profiles produce).
public sealed class SystemdUnitTests : IDisposable
{
    private const string InstallDir = "/opt/evidencemailworker";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Unit => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "evidencemailworker.service"));

    [Fact]
    public void Systemd_analyze_verify_accepts_the_unit()
    {
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("systemd-analyze is missing: install Debian's 'systemd' package (tests/run.sh does as root)");
        var executable = Path.Combine(AppContext.BaseDirectory, "EvidenceMailWorker");
        Assert.True(File.Exists(executable), executable);
        var unit = _folder.Combine("evidencemailworker.service");
        File.WriteAllText(unit, Unit.Replace(InstallDir, AppContext.BaseDirectory.TrimEnd('/'), StringComparison.Ordinal));

        var output = ExternalCommand.Run(analyze, ["verify", unit]);
        Assert.True(output.Trim().Length == 0, "systemd-analyze verify: " + output);
    }

    [Fact]
    public void The_unit_runs_the_self_contained_build_as_a_notify_service_with_its_own_data_folder()
    {
        var lines = Unit.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("Type=notify", lines);
        Assert.Contains($"ExecStart={InstallDir}/EvidenceMailWorker run", lines);
        Assert.Contains("Environment=EVIDENCEMAIL_Storage__DataDirectory=/var/lib/evidencemailworker", lines);
        Assert.Contains("StateDirectory=evidencemailworker", lines);
        Assert.Contains("EnvironmentFile=/etc/evidencemailworker.env", lines);
        Assert.Contains("ProtectSystem=strict", lines);
    }
}
