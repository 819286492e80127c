using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace EvidenceMailWorker.Tests.Infrastructure;

/// <summary>
/// One throw-away PostgreSQL server per test run, shared by every test class that needs one.
/// Tests get isolation from <see cref="CreateDatabaseAsync"/> (a fresh database each), not from
/// separate servers, because initdb alone costs 1–2 s.
/// </summary>
/// <remarks>
/// Set <c>EVIDENCEMAIL_TEST_PG</c> to an admin connection string to use an existing server instead;
/// set <c>EVIDENCEMAIL_PG_BIN</c> to pick the folder holding initdb/pg_ctl.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    public const string ExternalServerVariable = "EVIDENCEMAIL_TEST_PG";
    public const string BinDirVariable = "EVIDENCEMAIL_PG_BIN";

    // Lazy caches a startup exception too, so when PostgreSQL is missing every test fails fast with
    // the same instructions instead of each one retrying initdb.
    private static readonly Lazy<PostgresServer> LazyInstance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string? _binDir;
    private readonly string? _rootDir;
    private readonly bool _runAsPostgres;
    private readonly List<string> _createdDatabases = [];
    private readonly Lock _gate = new();
    private bool _disposed;

    private PostgresServer(string adminConnectionString, string? binDir, string? rootDir, bool runAsPostgres)
    {
        AdminConnectionString = adminConnectionString;
        _binDir = binDir;
        _rootDir = rootDir;
        _runAsPostgres = runAsPostgres;
    }

    public static PostgresServer Instance => LazyInstance.Value;

    /// <summary>Connection string for the <c>postgres</c> superuser on the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; private set; }

    /// <summary>Where pg_dump/pg_restore of the server's own version are: its bin folder, or PATH for an external server.</summary>
    public string ClientTool(string name) => _binDir is null ? name : Path.Combine(_binDir, name);

    /// <summary>True when the server was started by this process (false with EVIDENCEMAIL_TEST_PG).</summary>
    public bool IsOwned => _rootDir is not null;

    /// <summary>Creates an empty, uniquely named database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        // At most 28 + 1 + 32 characters: PostgreSQL silently truncates identifiers beyond 63.
        var name = $"{Sanitize(prefix)}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            // template0 + explicit encoding: a database that always accepts any Unicode text,
            // whatever the external server's template1 was created with.
            await using var command = new NpgsqlCommand(
                $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_gate)
        {
            _createdDatabases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        NpgsqlConnection.ClearAllPools();
        if (_rootDir is null)
        {
            DropCreatedDatabases();
            return;
        }

        try
        {
            RunPg("pg_ctl", ["stop", "-D", DataDir(_rootDir), "-m", "immediate", "-w", "-t", "30"], TimeSpan.FromSeconds(40));
        }
        catch (Exception ex)
        {
            // Process exit is no place to throw; the watchdog cleans up after us.
            Console.Error.WriteLine($"PostgresServer: stop failed: {ex.Message}");
        }

        TryDeleteDirectory(_rootDir);
    }

    private void DropCreatedDatabases()
    {
        // Only on an external server: leaving one database per test behind would pile up run after run.
        string[] names;
        lock (_gate)
        {
            names = [.. _createdDatabases];
        }

        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            foreach (var name in names)
            {
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"PostgresServer: could not drop test databases: {ex.Message}");
        }
    }

    private static PostgresServer Start()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new PostgresServer(external, null, null, false);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            return server;
        }

        var binDir = FindBinDir();
        // Environment.UserName comes from the effective uid on Unix.
        var runAsPostgres = Environment.UserName == "root";
        if (runAsPostgres && !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            throw new PostgresNotInstalledException("running as root, but there is no 'postgres' system user to run the server as.");
        }

        Exception? lastError = null;

        // A free port can be taken by someone else between probing and binding; retrying is cheaper
        // than being clever about it.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var rootDir = CreateRootDir(runAsPostgres);
            var server = new PostgresServer("", binDir, rootDir, runAsPostgres);
            try
            {
                var sw = Stopwatch.StartNew();
                server.RunPg("initdb",
                [
                    "-D", DataDir(rootDir), "-A", "trust", "-U", "postgres",
                    "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
                ], TimeSpan.FromMinutes(2));
                var initdbTime = sw.Elapsed;

                var port = FindFreePort();
                var options = string.Join(' ',
                    $"-p {port}",
                    $"-k {Path.Combine(rootDir, "sock")}",
                    "-c listen_addresses=127.0.0.1",
                    // Durability is worthless for a cluster deleted at the end of the run.
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                    // Each test database gets its own Npgsql pool; the default 100 runs out quickly.
                    "-c max_connections=300");
                sw.Restart();
                server.RunPg("pg_ctl",
                [
                    "start", "-D", DataDir(rootDir), "-w", "-t", "60",
                    "-l", Path.Combine(rootDir, "postgres.log"), "-o", options,
                ], TimeSpan.FromSeconds(90));
                var startTime = sw.Elapsed;

                server.StartWatchdog();
                var admin = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                }.ConnectionString;
                server.AdminConnectionString = admin;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
                Console.WriteLine(
                    $"PostgresServer: {binDir} on 127.0.0.1:{port} in {rootDir} " +
                    $"(initdb {initdbTime.TotalSeconds:F1} s, start {startTime.TotalSeconds:F1} s)");
                return server;
            }
            catch (Exception ex) when (ex is not PostgresNotInstalledException)
            {
                lastError = ex;
                var log = Path.Combine(rootDir, "postgres.log");
                if (File.Exists(log))
                {
                    lastError = new InvalidOperationException($"{ex.Message}\n--- postgres.log ---\n{File.ReadAllText(log)}", ex);
                }

                try
                {
                    server.RunPg("pg_ctl", ["stop", "-D", DataDir(rootDir), "-m", "immediate"], TimeSpan.FromSeconds(30));
                }
                catch (Exception)
                {
                    // Most failures happen before the server ever ran.
                }

                TryDeleteDirectory(rootDir);
            }
        }

        throw new InvalidOperationException("Could not start a test PostgreSQL server after 3 attempts.", lastError);
    }

    private static string DataDir(string rootDir) => Path.Combine(rootDir, "data");

    private static string FindBinDir()
    {
        var overrideDir = Environment.GetEnvironmentVariable(BinDirVariable);
        if (!string.IsNullOrWhiteSpace(overrideDir))
        {
            if (!File.Exists(Path.Combine(overrideDir, "initdb")) || !File.Exists(Path.Combine(overrideDir, "pg_ctl")))
            {
                throw new PostgresNotInstalledException($"{BinDirVariable}={overrideDir} does not contain initdb and pg_ctl.");
            }

            return overrideDir;
        }

        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => (dir, version: decimal.TryParse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.version >= 0 && File.Exists(Path.Combine(c.dir, "bin", "initdb")))
                .OrderByDescending(c => c.version)
                .Select(c => Path.Combine(c.dir, "bin"))
                .ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new PostgresNotInstalledException(
            $"No PostgreSQL server binaries under {root}/*/bin.");
    }

    private static string CreateRootDir(bool chownToPostgres)
    {
        // Under /tmp explicitly (not TMPDIR): the postgres user must be able to traverse every parent.
        var dir = Path.Combine("/tmp", $"evidencemail-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..44]);
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        Directory.CreateDirectory(Path.Combine(dir, "sock"));
        if (chownToPostgres)
        {
            ExternalCommand.Run("chown", ["-R", "postgres:postgres", dir], TimeSpan.FromSeconds(30));
        }

        return dir;
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Stops the server and removes its folder once the test host is gone. ProcessExit alone is not
    /// enough: vstest kills the test host 100 ms after the run unless VSTEST_TESTHOST_SHUTDOWN_TIMEOUT
    /// says otherwise (tests/run.sh raises it), and crashed or timed-out hosts never get there at all.
    /// </summary>
    private void StartWatchdog()
    {
        var pgCtl = Path.Combine(_binDir!, "pg_ctl");
        var stop = _runAsPostgres
            ? $"runuser -u postgres -- '{pgCtl}' stop -D '{DataDir(_rootDir!)}' -m immediate"
            : $"'{pgCtl}' stop -D '{DataDir(_rootDir!)}' -m immediate";
        var script =
            $"exec </dev/null >/dev/null 2>&1; " +
            $"( while kill -0 {Environment.ProcessId} 2>/dev/null && [ -d '{_rootDir}' ]; do sleep 0.5; done; " +
            $"if [ -d '{_rootDir}' ]; then {stop}; rm -rf '{_rootDir}'; fi ) &";
        var psi = new ProcessStartInfo("setsid", ["/bin/sh", "-c", script])
        {
            UseShellExecute = false,
            // Redirected so the watchdog never holds the test runner's own stdout open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the watchdog.");
        process.WaitForExit(10_000);
    }

    private string RunPg(string tool, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var path = Path.Combine(_binDir!, tool);
        // PostgreSQL refuses to run as root, and CI runs as root.
        return _runAsPostgres
            ? ExternalCommand.Run("runuser", ["-u", "postgres", "--", path, .. args], timeout)
            : ExternalCommand.Run(path, args, timeout);
    }

    private static string Sanitize(string prefix)
    {
        var cleaned = new string([.. prefix.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_')]);
        if (cleaned.Length == 0 || char.IsDigit(cleaned[0]))
        {
            cleaned = "t_" + cleaned;
        }

        return cleaned.Length > 28 ? cleaned[..28] : cleaned;
    }

    private static void TryDeleteDirectory(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"PostgresServer: could not delete {dir}: {ex.Message}");
        }
    }

    private sealed class PostgresNotInstalledException(string reason) : InvalidOperationException(
        $"""
        PostgreSQL is required by the database tests and was not found: {reason}
        Fix one of:
          - install it: sudo apt-get install -y postgresql   (tests/run.sh does this when run as root)
          - point {BinDirVariable} at a folder containing initdb and pg_ctl
          - set {ExternalServerVariable} to a superuser connection string of an existing server,
            e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=postgres
        """);
}
