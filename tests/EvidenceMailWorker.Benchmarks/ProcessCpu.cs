using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace EvidenceMailWorker.Benchmarks;

// CPU seconds read from /proc, so a benchmark can say where the time went: the worker's own user
// and system time, and PostgreSQL's, which is spent in its own processes (the postmaster and its
// backends; a finished backend's time is in the postmaster's cutime/cstime once it is reaped).
public static class ProcessCpu
{
    private static readonly double Tick = 100.0; // USER_HZ on Linux

    public readonly record struct Cpu(double User, double System)
    {
        public double Total => User + System;
        public static Cpu operator -(Cpu a, Cpu b) => new(a.User - b.User, a.System - b.System);
    }

    // The process's own time (not its children's); zero once it is gone.
    // Polls a child process until it exits: its peak working set (VmHWM) and the last CPU reading
    // before exit (at most 20 ms of CPU is missed).
    public static async Task<(long PeakBytes, Cpu Cpu)> WatchUntilExitAsync(Process process)
    {
        long peak = 0;
        Cpu cpu = default;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, ImportBenchmark.HighWaterMark(process.Id));
            if (Of(process.Id) is { Total: > 0 } now)
                cpu = now;
            await Task.Delay(20);
        }
        await process.WaitForExitAsync();
        return (peak, cpu);
    }

    public static Cpu Of(int pid)
    {
        var fields = Stat(pid);
        return fields is null ? default : new Cpu(Ticks(fields, 13), Ticks(fields, 14));
    }

    // Everything the PostgreSQL server behind connectionString has used so far.
    public static async Task<Cpu> OfPostgresAsync(string connectionString)
    {
        int backend;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            backend = Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        var postmaster = Stat(backend) is { } b ? int.Parse(b[3], CultureInfo.InvariantCulture) : 0;
        if (Stat(postmaster) is not { } p)
            return default;
        var user = Ticks(p, 13) + Ticks(p, 15);
        var system = Ticks(p, 14) + Ticks(p, 16);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } c || c[3] != postmaster.ToString(CultureInfo.InvariantCulture))
                continue;
            user += Ticks(c, 13);
            system += Ticks(c, 14);
        }
        return new Cpu(user, system);
    }

    // Fields of /proc/<pid>/stat after the command name (which may hold spaces), 0-based as in proc(5) minus one.
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            var rest = text[(close + 2)..].Split(' ');
            return ["", "", .. rest];
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static double Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture) / Tick;
}
