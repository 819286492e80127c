using System.Text.Json;
using EvidenceMailWorker.Tests.Support;
using MimeKit;

namespace EvidenceMailWorker.Tests.Cli;

// `jobs run` as an admin uses it to check an edit and as tests drive time (CONTRACT §2/§3): the dry
// run prints what would be sent; the real run writes each email once, under its key, and delivers it
// before exiting.
public sealed class JobsCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string DataArg => $"--Storage:DataDirectory={_folder.Combine("data")}";

    private string Outbox => _folder.Combine("data", "outbox");

    private async Task ImportSampleMailAsync()
    {
        var import = await WorkerProcess.RunAsync(_folder.Path, "import", Path.Combine(AppContext.BaseDirectory, "Data", "acceptance"), "--json", DataArg);
        Assert.True(import.ExitCode == 0, import.Stderr);
    }

    [Fact]
    public async Task A_dry_run_prints_the_reminders_as_json_and_sends_nothing()
    {
        await ImportSampleMailAsync();
        var run = await WorkerProcess.RunAsync(_folder.Path, "jobs", "run", "reminders", "--at", "2024-06-09T08:00:00+07:00", "--dry-run", "--json", DataArg);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("reminders", root.GetProperty("job").GetString());
        Assert.Equal("2024-06-09T08:00:00+07:00", root.GetProperty("at").GetString());
        Assert.Equal("2024-6t", root.GetProperty("period").GetString());
        Assert.True(root.GetProperty("dryRun").GetBoolean());
        var emails = root.GetProperty("emails").EnumerateArray().ToList();
        Assert.Equal(["cum-1", "cum-2", "cum-3", "cum-4"], emails.Select(e => e.GetProperty("cluster").GetString()));
        var cum2 = emails[1];
        Assert.Equal("reminder", cum2.GetProperty("purpose").GetString());
        Assert.Equal("reminder/2024-6t/cum-2/2024-06-09", cum2.GetProperty("key").GetString());
        Assert.Equal(["doan.ngocchuc@example.org", "doan.ngocthanh@example.org"], cum2.GetProperty("to").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["btv.cum2@example.org"], cum2.GetProperty("cc").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("Cụm 2", cum2.GetProperty("subject").GetString());
        Assert.Contains("còn 1 ngày", cum2.GetProperty("text").GetString());
        // Xã Ngọc Hòa's 1.1 came on 8 June (case 01), before the reminder of 9 June, so 1.1 is not among its missing codes.
        var ngocHoa = cum2.GetProperty("missing").GetProperty("units").EnumerateArray().Single(u => u.GetProperty("id").GetString() == "xa-ngoc-hoa");
        Assert.DoesNotContain("1.1", ngocHoa.GetProperty("criteria").EnumerateArray().Select(x => x.GetString()));
        Assert.Contains("1.2", ngocHoa.GetProperty("criteria").EnumerateArray().Select(x => x.GetString()));
        Assert.False(Directory.Exists(Outbox) && Directory.EnumerateFiles(Outbox, "*.eml").Any());
    }

    [Fact]
    public async Task Running_a_job_twice_at_one_instant_sends_each_email_once()
    {
        await ImportSampleMailAsync();
        var first = await WorkerProcess.RunAsync(_folder.Path, "jobs", "run", "overdue", "--at", "2024-06-11T08:00", DataArg);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var files = Directory.GetFiles(Outbox, "*.eml");
        Assert.NotEmpty(files);
        var second = await WorkerProcess.RunAsync(_folder.Path, "jobs", "run", "overdue", "--at", "2024-06-11T08:00", DataArg);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("0 newly queued", second.Stderr);
        Assert.Equal(files.Length, Directory.GetFiles(Outbox, "*.eml").Length);

        var message = await MimeMessage.LoadAsync(files[0]);
        Assert.Equal("overdue", message.Headers["X-EvidenceMail-Purpose"]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Contains("vanphong.huyendoan@example.org", message.Cc.Mailboxes.Select(m => m.Address));
        Assert.Contains("chưa nhận được thư minh chứng nào", message.TextBody);
        Assert.Contains("chưa nhận được thư minh chứng nào", message.HtmlBody);
    }

    [Fact]
    public async Task The_summary_attaches_the_period_workbook_and_charts()
    {
        await ImportSampleMailAsync();
        var run = await WorkerProcess.RunAsync(_folder.Path, "jobs", "run", "summary", "--at", "2024-06-10T02:00", "--json", DataArg);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var email = json.RootElement.GetProperty("emails").EnumerateArray().Single();
        Assert.Equal("summary/2024-6t", email.GetProperty("key").GetString());
        Assert.Equal(["tong-hop-2024-6t.xlsx", "tong-hop-2024-6t-doan.png", "tong-hop-2024-6t-hoi.png"],
            email.GetProperty("attachments").EnumerateArray().Select(a => a.GetString()));
        var sent = await MimeMessage.LoadAsync(Directory.GetFiles(Outbox, "*summary*.eml").Single());
        Assert.Equal(["tong-hop-2024-6t.xlsx", "tong-hop-2024-6t-doan.png", "tong-hop-2024-6t-hoi.png"], sent.Attachments.Select(a => ((MimePart)a).FileName));
        Assert.Contains("btv.cum3@example.org", sent.To.Mailboxes.Select(m => m.Address));
    }

    [Fact]
    public async Task A_broken_template_is_reported_with_its_line_and_nothing_runs()
    {
        var config = _folder.Combine("config");
        Directory.CreateDirectory(Path.Combine(config, "templates"));
        File.Copy(Path.Combine(RepositoryRoot.Config, "campaign.json"), Path.Combine(config, "campaign.json"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Config, "templates")))
            File.Copy(file, Path.Combine(config, "templates", Path.GetFileName(file)));
        File.AppendAllText(Path.Combine(config, "templates", "reminder.txt.liquid"), "\n{% for x in %}\n");
        var check = await WorkerProcess.RunAsync(_folder.Path, "config", "check", "--config-dir", config, DataArg);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("reminder.txt.liquid does not compile", check.Stderr);
        Assert.Matches(@"\(\d+:\d+\)|line", check.Stderr);
    }
}
