using System.Diagnostics;
using EvidenceMailWorker.Hosting;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Deployment;

// deploy/windows/install.ps1 cannot be run against a Windows service manager here. What can be
// checked is checked with PowerShell 7 itself (the repository's local tool, .config/dotnet-tools.json,
// restored by tests/run.sh): it parses without errors, offers Install/Start/Stop/Remove, calls only
// cmdlets and programs that exist on Windows, names the service as the worker names itself, and on a
// machine that is not Windows it stops before changing anything, saying why.
public sealed class WindowsInstallScriptTests : IDisposable
{
    private static readonly string Script = Path.Combine(RepositoryRoot.Path, "deploy", "windows", "install.ps1");
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly string[] WindowsCommands =
    [
        "New-Service", "Set-Service", "Start-Service", "Stop-Service", "Get-Service", "sc.exe", "icacls.exe",
        "Copy-Item", "New-Item", "Remove-Item", "Test-Path", "Join-Path", "Get-Content", "Get-ChildItem", "New-ItemProperty",
        "Write-Host", "Out-Null", "Set-StrictMode",
    ];

    [Fact]
    public async Task The_install_script_parses_and_uses_only_commands_windows_has()
    {
        const string inspect = """
            $tokens = $null; $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($env:SCRIPT, [ref]$tokens, [ref]$errors)
            foreach ($e in $errors) { "error: line $($e.Extent.StartLineNumber): $($e.Message)" }
            $p = $ast.ParamBlock.Parameters
            $action = $p | Where-Object { $_.Name.VariablePath.UserPath -eq 'Action' }
            "actions: " + (($action.Attributes | Where-Object { $_.TypeName.Name -eq 'ValidateSet' }).PositionalArguments.Value -join ',')
            "service: " + ($p | Where-Object { $_.Name.VariablePath.UserPath -eq 'ServiceName' }).DefaultValue.Value
            "functions: " + (($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.FunctionDefinitionAst] }, $true) | ForEach-Object Name | Sort-Object -Unique) -join ',')
            "commands: " + (($ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() } | Sort-Object -Unique) -join ',')
            """;
        var (code, output) = await PwshAsync(["-NoProfile", "-NonInteractive", "-Command", inspect]);
        Assert.True(code == 0, output);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("actions: Install,Start,Stop,Remove", lines);
        Assert.Contains($"service: {WorkerHost.WindowsServiceName}", lines);
        var functions = Value(lines, "functions");
        foreach (var command in Value(lines, "commands"))
            Assert.True(WindowsCommands.Contains(command) || functions.Contains(command), $"install.ps1 calls '{command}'");
        Assert.Contains("New-Service", Value(lines, "commands"));
        Assert.Contains("Start-Service", Value(lines, "commands"));
        Assert.Contains("EvidenceMailWorker.exe", File.ReadAllText(Script));
    }

    [Fact]
    public async Task Off_windows_the_install_script_stops_before_changing_anything()
    {
        var install = _folder.Combine("program");
        var data = _folder.Combine("data");
        var (code, output) = await PwshAsync(["-NoProfile", "-NonInteractive", "-File", Script, "-Action", "Install", "-InstallDir", install, "-DataDir", data]);
        Assert.NotEqual(0, code);
        Assert.Contains("runs on Windows only", output);
        Assert.False(Directory.Exists(install));
        Assert.False(Directory.Exists(data));
    }

    private static string[] Value(string[] lines, string name) =>
        lines.Single(l => l.StartsWith(name + ": ", StringComparison.Ordinal))[(name.Length + 2)..].Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<(int Code, string Output)> PwshAsync(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["tool", "run", "pwsh", "--", .. args])
            info.ArgumentList.Add(arg);
        info.Environment["SCRIPT"] = Script;
        info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        if (output.Contains("Run \"dotnet tool restore\"", StringComparison.Ordinal) || output.Contains("could not be found", StringComparison.Ordinal))
            throw new InvalidOperationException("PowerShell (the local tool) is not restored: run `dotnet tool restore` (tests/run.sh does)\n" + output);
        return (process.ExitCode, output);
    }
}
