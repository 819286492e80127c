using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EvidenceMailWorker.Benchmarks;

// A throw-away PostgreSQL for one benchmark run (EVIDENCEMAIL_BENCH_PG names an existing one
// instead). Same settings as the test fixture: durability off, because the data is discarded.
public sealed class BenchPostgres : IDisposable
{
    private readonly string? _root;
    private readonly string? _bin;

    private BenchPostgres(string connectionString, string? root, string? bin)
    {
        ConnectionString = connectionString;
        _root = root;
        _bin = bin;
    }

    public string ConnectionString { get; }

    public static BenchPostgres Start()
    {
        var external = Environment.GetEnvironmentVariable("EVIDENCEMAIL_BENCH_PG");
        if (!string.IsNullOrWhiteSpace(external))
            return new BenchPostgres(external, null, null);
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Max()
            ?? throw new InvalidOperationException("no PostgreSQL under /usr/lib/postgresql; set EVIDENCEMAIL_BENCH_PG");
        var root = Path.Combine("/tmp", $"evidencemail-benchpg-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        Run("chown", "postgres:postgres", root);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        Run("runuser", "-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", Path.Combine(root, "data"), "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
        Run("runuser", "-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "start", "-w", "-D", Path.Combine(root, "data"), "-l", Path.Combine(root, "pg.log"),
            "-o", $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        return new BenchPostgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=bench", root, bin);
    }

    public void Dispose()
    {
        if (_root is null)
            return;
        Run("runuser", "-u", "postgres", "--", Path.Combine(_bin!, "pg_ctl"), "stop", "-D", Path.Combine(_root, "data"), "-m", "immediate");
        Directory.Delete(_root, recursive: true);
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {output.Result}{error.Result}");
    }
}
