using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Schedule;

namespace EvidenceMailWorker.Cli;

// `schedule [--from] [--to] [--json]` (CONTRACT §2/§3): every upcoming deadline-driven job and digest
// from the current config, in the campaign's local time. Reads no database: an admin checks an edit
// with it before the worker is even started.
public static class ScheduleCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var json = GlobalOptions.Json();
        var from = new Option<string?>("--from") { Description = "First instant to list (ISO 8601; a date or time without offset is campaign-local). Default: now" };
        var to = new Option<string?>("--to") { Description = "Instant to stop before. Default: after the campaign's last fire time" };
        var command = new Command("schedule", "Every upcoming reminder, overdue notice, digest and summary, in local time") { json, from, to };
        command.SetAction(parse =>
        {
            if (!invocation.TryLoadCampaign(parse, out var campaign))
                return ExitCodes.UsageOrConfiguration;
            var schedule = new CampaignSchedule(campaign);
            if (!Instants.TryParse(parse.GetValue(from), schedule.Zone, out var start, TimeProvider.System.GetUtcNow()) ||
                !Instants.TryParse(parse.GetValue(to), schedule.Zone, out var end, (schedule.Last() ?? start).AddSeconds(1)))
            {
                Console.Error.WriteLine("--from/--to: expected an ISO 8601 instant such as 2024-06-01T00:00:00+07:00 or a local date such as 2024-06-01");
                return ExitCodes.UsageOrConfiguration;
            }
            var fires = schedule.Between(start, end);
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(fires, JsonOutput.Records));
            else
                WriteTable(campaign, schedule, fires);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTable(CampaignOptions campaign, CampaignSchedule schedule, IReadOnlyList<FireTime> fires)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        var names = campaign.Periods.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        Console.WriteLine($"{campaign.Organization} — {campaign.Year}, times in {campaign.TimeZone}");
        foreach (var (id, deadline) in schedule.Deadlines)
            Console.WriteLine($"  deadline  {Format(LocalTime.InZone(deadline, schedule.Zone))}  {id}  {names[id]}");
        Console.WriteLine();
        if (fires.Count == 0)
        {
            Console.WriteLine("Nothing is scheduled in this range.");
            return;
        }
        // Digests fire most days; a run of them between two other jobs is one line, so the
        // deadline-driven jobs stand out.
        for (var i = 0; i < fires.Count; i++)
        {
            var f = fires[i];
            if (f.Job == JobNames.Digest)
            {
                var last = i;
                while (last + 1 < fires.Count && fires[last + 1].Job == JobNames.Digest)
                    last++;
                Console.WriteLine(last == i
                    ? $"  {Format(f.At)}  digest"
                    : $"  {Format(f.At)}  digest     … {last - i + 1} digests, the last {Format(fires[last].At)} (cron '{campaign.Digest.Cron}')");
                i = last;
                continue;
            }
            var what = f.Job switch
            {
                JobNames.Reminders => $"{f.Period}  {f.OffsetDays} day(s) before the deadline",
                JobNames.Overdue => $"{f.Period}  {f.OffsetDays} day(s) after the deadline",
                _ => $"{f.Period}  period summary",
            };
            Console.WriteLine($"  {Format(f.At)}  {f.Job,-9}  {what}");
        }
        var counts = fires.GroupBy(f => f.Job).Select(g => $"{g.Count()} {g.Key}");
        Console.WriteLine();
        Console.WriteLine($"{fires.Count} fire times: {string.Join(", ", counts)}");
    }

    private static string Format(DateTimeOffset local) =>
        local.ToString("ddd yyyy-MM-dd HH:mm (zzz)", CultureInfo.InvariantCulture);
}
