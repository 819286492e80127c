<#
.SYNOPSIS
    Installs, starts, stops or removes EvidenceMailWorker as a Windows service.

.DESCRIPTION
    Run in an elevated PowerShell (Run as administrator) on the Windows server, from a copy of the
    self-contained win-x64 build:
        dotnet publish src/EvidenceMailWorker -p:PublishProfile=win-x64     (on any machine)
        .\deploy\windows\install.ps1 -Action Install -Source .\artifacts\publish\win-x64 -EnvironmentFile .\secrets.env
        .\deploy\windows\install.ps1 -Action Remove

    Install copies the build to InstallDir (the config folder comes with it), creates DataDir for the
    database, mailbox folders and logs, registers the service (automatic start, restarted after a
    failure, running as NT AUTHORITY\LocalService with write access to DataDir only), stores the
    settings of EnvironmentFile (EVIDENCEMAIL_Section__Key=value lines, as
    deploy/evidencemailworker.env.example) as the service's environment, and starts it.
    Running Install again upgrades: the service is stopped, the program files replaced (an existing
    config\ folder is kept as it is), and the service started again.
    Remove stops and deletes the service and InstallDir; DataDir is kept unless -DeleteData.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [ValidateSet('Install', 'Start', 'Stop', 'Remove')]
    [string] $Action = 'Install',

    # The published win-x64 folder (EvidenceMailWorker.exe with config\ and Assets\ beside it).
    [string] $Source = (Join-Path $PSScriptRoot '..\..\artifacts\publish\win-x64'),

    [string] $InstallDir = (Join-Path $env:ProgramFiles 'EvidenceMailWorker'),

    [string] $DataDir = (Join-Path $env:ProgramData 'EvidenceMailWorker'),

    # Lines EVIDENCEMAIL_Section__Key=value (secrets included); '#' starts a comment line.
    [string] $EnvironmentFile,

    # The same name the worker gives itself (WorkerHost.WindowsServiceName).
    [string] $ServiceName = 'EvidenceMailWorker',

    [switch] $DeleteData
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$ServiceAccount = 'NT AUTHORITY\LocalService'
$Executable = 'EvidenceMailWorker.exe'

function Assert-Administrator {
    if (-not $IsWindows -and $PSVersionTable.PSEdition -eq 'Core') {
        throw 'install.ps1 installs a Windows service and runs on Windows only (on Linux use deploy/evidencemailworker.service).'
    }
    $principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw 'Run this script in an elevated PowerShell (Run as administrator).'
    }
}

function Get-WorkerService {
    Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
}

function Stop-WorkerService {
    $service = Get-WorkerService
    if ($null -ne $service -and $service.Status -ne 'Stopped') {
        Stop-Service -Name $ServiceName
        $service.WaitForStatus('Stopped', [TimeSpan]::FromSeconds(90))
    }
}

function Start-WorkerService {
    Start-Service -Name $ServiceName
    (Get-WorkerService).WaitForStatus('Running', [TimeSpan]::FromSeconds(60))
    Write-Host "$ServiceName is running. Logs: $(Join-Path $DataDir 'logs')"
}

# Checked before anything is changed: a line that is not KEY=value would be silently lost.
function Read-EnvironmentFile([string] $Path) {
    $lines = @()
    foreach ($line in Get-Content -LiteralPath $Path -Encoding UTF8) {
        $trimmed = $line.Trim()
        if ($trimmed -eq '' -or $trimmed.StartsWith('#')) { continue }
        if ($trimmed -notmatch '^EVIDENCEMAIL_[A-Za-z0-9_]+=') {
            throw "${Path}: '$trimmed' is not an EVIDENCEMAIL_Section__Key=value line"
        }
        $lines += $trimmed
    }
    return , $lines
}

function Install-Worker {
    $exe = Join-Path $Source $Executable
    if (-not (Test-Path -LiteralPath $exe)) {
        throw "No $Executable in '$Source'; publish it first: dotnet publish src/EvidenceMailWorker -p:PublishProfile=win-x64"
    }
    $environment = if ($EnvironmentFile) { Read-EnvironmentFile $EnvironmentFile } else { @() }

    Stop-WorkerService
    if ($PSCmdlet.ShouldProcess($InstallDir, 'Copy the published worker')) {
        New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
        # An upgrade keeps the office's edited config\ (campaign.json, templates); a first install copies it.
        $keepConfig = Test-Path -LiteralPath (Join-Path $InstallDir 'config')
        foreach ($item in Get-ChildItem -LiteralPath $Source) {
            if ($keepConfig -and $item.Name -eq 'config') {
                Write-Host "Kept $(Join-Path $InstallDir 'config') as it is (compare with $($item.FullName) after an upgrade)."
                continue
            }
            Copy-Item -LiteralPath $item.FullName -Destination $InstallDir -Recurse -Force
        }
    }
    if ($PSCmdlet.ShouldProcess($DataDir, "Create the data folder, writable by $ServiceAccount")) {
        New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
        & icacls.exe $DataDir /grant "${ServiceAccount}:(OI)(CI)M" /T /Q | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "icacls failed ($LASTEXITCODE) on $DataDir" }
    }

    $binary = "`"$(Join-Path $InstallDir $Executable)`" run `"--Storage:DataDirectory=$DataDir`""
    if ($null -eq (Get-WorkerService)) {
        if ($PSCmdlet.ShouldProcess($ServiceName, 'Register the service')) {
            New-Service -Name $ServiceName -BinaryPathName $binary -DisplayName 'EvidenceMailWorker' `
                -Description 'Archives, understands and answers the evidence mailbox (Youth Union competition).' `
                -StartupType Automatic | Out-Null
        }
    }
    elseif ($PSCmdlet.ShouldProcess($ServiceName, 'Update the service')) {
        Set-Service -Name $ServiceName -BinaryPathName $binary -StartupType Automatic
    }
    if ($PSCmdlet.ShouldProcess($ServiceName, "Run as $ServiceAccount, restart after a failure")) {
        & sc.exe config $ServiceName obj= $ServiceAccount password= '' | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "sc.exe config failed ($LASTEXITCODE)" }
        & sc.exe failure $ServiceName reset= 86400 actions= restart/10000/restart/10000/restart/60000 | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "sc.exe failure failed ($LASTEXITCODE)" }
        # A service's own environment: REG_MULTI_SZ 'Environment' under its key (readable by local users).
        $key = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"
        if ($environment.Count -gt 0) {
            New-ItemProperty -Path $key -Name 'Environment' -PropertyType MultiString -Value $environment -Force | Out-Null
        }
    }
    if ($PSCmdlet.ShouldProcess($ServiceName, 'Start the service')) {
        Start-WorkerService
    }
}

function Remove-Worker {
    Stop-WorkerService
    if ($null -ne (Get-WorkerService) -and $PSCmdlet.ShouldProcess($ServiceName, 'Delete the service')) {
        & sc.exe delete $ServiceName | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "sc.exe delete failed ($LASTEXITCODE)" }
    }
    if ((Test-Path -LiteralPath $InstallDir) -and $PSCmdlet.ShouldProcess($InstallDir, 'Delete the program files')) {
        Remove-Item -LiteralPath $InstallDir -Recurse -Force
    }
    if ($DeleteData -and (Test-Path -LiteralPath $DataDir) -and $PSCmdlet.ShouldProcess($DataDir, 'Delete the data (database, logs)')) {
        Remove-Item -LiteralPath $DataDir -Recurse -Force
    }
    elseif (Test-Path -LiteralPath $DataDir) {
        Write-Host "Kept the data in $DataDir (-DeleteData removes it)."
    }
}

Assert-Administrator
switch ($Action) {
    'Install' { Install-Worker }
    'Start' { Start-WorkerService }
    'Stop' { Stop-WorkerService }
    'Remove' { Remove-Worker }
}
