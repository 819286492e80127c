using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace EvidenceMailWorker.Configuration;

// The `config check` verb (CONTRACT §2): every problem on stderr and exit 1, or a one-screen
// summary an admin can compare with the printed campaign notice and exit 0.
public static class ConfigCheck
{
    public static int Run(IConfiguration config, TextWriter stdout, TextWriter stderr)
    {
        var problems = ConfigurationProblems.Find(config);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                stderr.WriteLine(problem.ToString());
            stderr.WriteLine($"{problems.Count} configuration problem{(problems.Count == 1 ? "" : "s")} found.");
            return 1;
        }

        var campaign = CampaignReader.Read(config, out _);
        var infra = InfrastructureSettings.Read(config, new List<ConfigProblem>());
        WriteSummary(campaign, infra, ResolvedPaths.Resolve(config), stdout);
        return 0;
    }

    // Vietnamese names must not come out as '?' on a console whose code page is not UTF-8
    // (Windows defaults to an OEM code page).
    public static int RunOnConsole(IConfiguration config)
    {
        Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return Run(config, Console.Out, Console.Error);
    }

    private static void WriteSummary(CampaignOptions c, InfrastructureSettings infra, ResolvedPaths paths, TextWriter o)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(c.TimeZone);
        o.WriteLine("Configuration is valid.");
        o.WriteLine();
        o.WriteLine($"{c.Organization} — campaign {c.Year}");
        o.WriteLine($"  Mailbox    {c.Mailbox}");
        o.WriteLine($"  Time zone  {c.TimeZone} (UTC{FormatOffset(zone.BaseUtcOffset)})");
        o.WriteLine($"  Office     {string.Join(", ", c.Office.Recipients)}");

        o.WriteLine("Tracks");
        foreach (var t in c.Tracks)
        {
            var criteria = c.Criteria.Where(x => x.Track == t.Id).ToList();
            var points = criteria.Sum(x => x.Points).ToString("0.##", CultureInfo.InvariantCulture);
            o.WriteLine($"  {t.Id,-10} {t.Name} — {criteria.Count} criteria, {points} points");
        }

        o.WriteLine($"Periods (deadlines in {c.TimeZone})");
        foreach (var p in c.Periods)
        {
            DeadlineFormat.TryParse(p.Deadline, out var deadline);
            var local = TimeZoneInfo.ConvertTime(deadline, zone);
            o.WriteLine($"  {p.Id,-10} {local:yyyy-MM-dd HH:mm} (UTC{FormatOffset(local.Offset)})  {p.Name}");
        }

        o.WriteLine("Clusters");
        var unitNames = c.Units.ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);
        foreach (var cl in c.Clusters)
        {
            var supervisor = string.IsNullOrWhiteSpace(cl.Supervisor.Email)
                ? "no supervisor"
                : $"supervisor {cl.Supervisor.Name} <{cl.Supervisor.Email}>";
            o.WriteLine($"  {cl.Id,-10} {cl.Name} — {cl.Units.Count} units, leader {unitNames[cl.Leader]}, {supervisor}");
        }

        var notes = CampaignNotes.Of(c);
        if (notes.Count > 0)
        {
            o.WriteLine("Notes for the office");
            foreach (var note in notes)
                o.WriteLine($"  - {note}");
        }

        o.WriteLine("Infrastructure");
        o.WriteLine($"  Database   {DescribeDatabase(infra.Database, paths)}");
        o.WriteLine($"  Mailbox    {(infra.Mailbox.Source == "Imap" ? $"Imap {infra.Mailbox.Username} @ {infra.Mailbox.Host}:{infra.Mailbox.Port} ({infra.Mailbox.ImapFolder})" : $"Folder {paths.InboxFolder}")}");
        o.WriteLine($"  Outbox     {(infra.Outbox.Mode == "Smtp" ? $"Smtp {infra.Outbox.Host}:{infra.Outbox.Port}" : $"Folder {paths.OutboxFolder}")}");
        o.WriteLine($"  Data       {paths.DataDirectory}");
        o.WriteLine($"  Links      {string.Join(", ", infra.Understanding.EffectiveLinkHosts)}");
        o.WriteLine($"  Health     {(string.IsNullOrWhiteSpace(infra.Health.Url) ? "no HTTP endpoint (Health:Url not set)" : $"GET {infra.Health.Url.TrimEnd('/')}/healthz")}");
    }

    // Connection strings can carry passwords, so only where the data lives is shown.
    private static string DescribeDatabase(DatabaseOptions d, ResolvedPaths paths)
    {
        if (d.Provider == DatabaseProvider.Postgres)
        {
            var b = new NpgsqlConnectionStringBuilder(d.ConnectionString);
            return $"Postgres {b.Database} @ {b.Host}:{b.Port}";
        }
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(paths.SqliteConnectionString).DataSource;
        return $"Sqlite {file}";
    }

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
