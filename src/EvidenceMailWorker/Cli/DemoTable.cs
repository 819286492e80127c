using System.Globalization;
using EvidenceMailWorker.Demo;

namespace EvidenceMailWorker.Cli;

// The short table `demo` ends with.
public static class DemoTable
{
    public static void Write(TextWriter output, DemoReport r)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"Demo: {r.Organization}, simulated {r.From.ToString("yyyy-MM-dd", c)} → {r.Until.AddDays(-1).ToString("yyyy-MM-dd", c)}, done in {r.Seconds.ToString("0.0", c)} s");
        output.WriteLine($"  messages in       {r.Mail.Read,4}  (accepted {r.Mail.Accepted}, quarantined {r.Mail.Quarantined}, ignored {r.Mail.Ignored}, failed {r.Mail.Failed})");
        output.WriteLine($"  receipts          {r.Emails.Receipts,4}  (and {r.Emails.Notices} notice(s) to unknown senders)");
        output.WriteLine($"  reminders         {r.Emails.Reminders,4}  ({r.FireTimes.Reminders} fire times)");
        output.WriteLine($"  overdue notices   {r.Emails.Overdue,4}  ({r.FireTimes.Overdue} fire times)");
        output.WriteLine($"  digests           {r.Emails.Digests,4}  ({r.FireTimes.Digest} fire times; an empty day sends none)");
        output.WriteLine($"  period summaries  {r.Emails.Summaries,4}  ({r.FireTimes.Summary} fire times)");
        output.WriteLine($"  emails in all     {r.Emails.Total,4}");
        output.WriteLine("  proposed winners, year (the committee decides):");
        foreach (var w in r.Winners)
        {
            var leading = w.LeadingClusterName ?? (w.Tied.Count > 0 ? "tied: " + string.Join(", ", w.Tied) : "none");
            output.WriteLine($"    {w.Track,-6} leading cluster: {leading}; outstanding leader: {w.OutstandingLeaderName ?? "none"}");
        }
        output.WriteLine($"Everything is in {r.Out}: open {r.Files.Index}");
    }
}
