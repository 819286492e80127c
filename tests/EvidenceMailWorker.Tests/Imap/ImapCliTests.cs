using System.Diagnostics;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Imap;

// `run` and `ingest --once` against Dovecot as an operator runs them: the real executable.
public sealed class ImapCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Database => _folder.Combine("data", "evidence.db");

    private string[] Args(DovecotUser user, string verb, string? password = null, params string[] more) => Args(user, user.Server.Port, verb, password, more);

    private string[] Args(DovecotUser user, int port, string verb, string? password = null, params string[] more) =>
    [
        .. verb.Split(' '), .. more,
        $"--Storage:DataDirectory={_folder.Combine("data")}",
        "--Mailbox:Source=Imap", "--Mailbox:Host=127.0.0.1", $"--Mailbox:Port={port}", "--Mailbox:Security=None",
        $"--Mailbox:Username={user.Name}", $"--Mailbox:Password={password ?? user.Password}",
    ];

    [Fact]
    public async Task A_wrong_password_is_a_clear_error_with_exit_2_after_a_single_login_attempt()
    {
        var user = DovecotServer.Shared.CreateUser();

        var result = await WorkerProcess.RunAsync(_folder.Path, Args(user, "ingest --once", password: "wrong"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rejected the password", result.Stderr);
        Assert.Contains("EVIDENCEMAIL_Mailbox__Password", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal(1, user.FailedLogins());
    }

    [Fact]
    public async Task A_rejected_password_under_run_stops_that_mailbox_and_mails_the_office_once()
    {
        var user = DovecotServer.Shared.CreateUser();
        using var worker = WorkerProcess.Start(_folder.Path, Args(user, "run", password: "wrong"));
        _ = worker.StandardOutput.ReadToEndAsync();
        var stderr = worker.StandardError.ReadToEndAsync();
        var outbox = _folder.Combine("data", "outbox");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Only finished files: the transport writes `<name>.eml.part` and renames it when complete.
        IEnumerable<string> Alarms() => Directory.Exists(outbox)
            ? Directory.EnumerateFiles(outbox, "*mailbox-alarm*").Where(f => f.EndsWith(".eml", StringComparison.Ordinal))
            : [];
        while (!Alarms().Any() && DateTime.UtcNow < deadline && !worker.HasExited)
            await Task.Delay(50);

        Assert.False(worker.HasExited, "run must stay up when one mailbox cannot be read");
        var alarm = MimeKit.MimeMessage.Load(Assert.Single(Alarms()));
        Assert.Equal("vanphong.huyendoan@example.org", Assert.Single(alarm.To.Mailboxes).Address);
        Assert.Equal("Cảnh báo: hệ thống đã ngừng đọc hộp thư minh chứng", alarm.Subject);
        Assert.Contains("EVIDENCEMAIL_Mailbox__Password", alarm.TextBody);
        Assert.Equal("auto-generated", alarm.Headers["Auto-Submitted"]);
        Assert.Equal(1, user.FailedLogins());

        Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await worker.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        Assert.Contains("rejected the password", await stderr);
    }

    private const string Processed = "SELECT COUNT(*) FROM messages WHERE processed_at IS NOT NULL";

    [Fact]
    public async Task Run_killed_mid_backlog_and_restarted_stores_every_message_exactly_once_and_stops_cleanly_on_SIGTERM()
    {
        var user = DovecotServer.Shared.CreateUser();
        const int count = 200;
        await user.AppendAsync(TestMail.Numbered(count, attachmentBytes: 300_000));

        // The first run reads the mailbox through a proxy that stops the server's answers about three
        // quarters of the way into the second page of the backlog (each message is some 400 KB on the
        // wire), so the kill lands mid-backlog however fast or slow the machine is.
        await using (var proxy = new TcpProxy(user.Server.Port))
        using (var first = WorkerProcess.Start(_folder.Path, Args(user, proxy.Port, "run")))
        {
            var stalled = proxy.StallAfter(100L * 300_000);
            // Drained so that a full pipe never blocks the worker's logging.
            var firstErr = first.StandardError.ReadToEndAsync();
            _ = first.StandardOutput.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            // Raw commits run ahead of the verdicts (worked out in parallel): kill once some verdicts are in
            // and the backlog can go no further.
            while ((!stalled.IsCompleted || await SqliteProbe.CountAsync(Database, Processed) < 10) && DateTime.UtcNow < deadline && !first.HasExited)
                await Task.Delay(20);
            Assert.True(stalled.IsCompleted, "the proxy never stalled: the backlog is smaller than expected");
            Assert.False(first.HasExited, "run exited early: " + (first.HasExited ? await firstErr : ""));
            first.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
            await first.WaitForExitAsync();
        }
        var afterKill = await SqliteProbe.CountAsync(Database, Processed);
        Assert.InRange(afterKill, 10, count - 1);

        using var second = WorkerProcess.Start(_folder.Path, Args(user, "run"));
        var stderr = second.StandardError.ReadToEndAsync();
        _ = second.StandardOutput.ReadToEndAsync();
        var until = DateTime.UtcNow.AddSeconds(90);
        // Until the sweep is over: every message accepted and then labelled (its last label pass comes
        // after the last verdict; a SIGTERM inside it leaves those rows for the next start to label).
        while ((await SqliteProbe.CountAsync(Database, "SELECT COUNT(*) FROM messages WHERE status = 'accepted'") < count
                || await SqliteProbe.CountAsync(Database, "SELECT COUNT(*) FROM label_pending") > 0) && DateTime.UtcNow < until && !second.HasExited)
            await Task.Delay(50);

        // SIGTERM ends it by itself (the token only stops a hung test): a clean exit, not System.CommandLine's forced one.
        Process.Start("kill", ["-TERM", second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        using var hung = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await second.WaitForExitAsync(hung.Token);
        Assert.True(second.ExitCode == 0, await stderr);

        Assert.Equal(count, await SqliteProbe.CountAsync(Database, "SELECT COUNT(*) FROM messages"));
        Assert.Equal(count, await SqliteProbe.CountAsync(Database, "SELECT COUNT(DISTINCT message_id) FROM messages"));
        Assert.Equal(count, await SqliteProbe.CountAsync(Database, "SELECT COUNT(*) FROM messages WHERE status = 'accepted'"));
        Assert.Equal(2 * count, await SqliteProbe.CountAsync(Database, "SELECT COUNT(*) FROM attachments"));
        Assert.Equal(count, await SqliteProbe.CountAsync(Database, "SELECT last_uid FROM mailbox_checkpoints"));
        // Labelled too, also what the killed process stored but had not labelled yet.
        Assert.Equal(count, await LabelledAsync(user));
        Assert.Equal(0, await SqliteProbe.CountAsync(Database, "SELECT COUNT(*) FROM label_pending"));
    }

    public static async Task<int> LabelledAsync(DovecotUser user)
    {
        using var client = await user.ConnectAsync();
        await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
        var summaries = await client.Inbox.FetchAsync(0, -1, new MailKit.FetchRequest(MailKit.MessageSummaryItems.Flags));
        await client.DisconnectAsync(true);
        return summaries.Count(s => s.Keywords.Contains("EvidenceWorker"));
    }
}
