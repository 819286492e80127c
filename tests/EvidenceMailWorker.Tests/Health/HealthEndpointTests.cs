using System.Text.Json;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EvidenceMailWorker.Tests.Health;

// GET /healthz as an operator's monitor (or Docker's HEALTHCHECK) sees it from the running worker.
public sealed class HealthEndpointTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Healthz_turns_503_once_the_mailbox_has_been_unreachable_longer_than_the_limit(DatabaseProvider provider)
    {
        var user = DovecotServer.Shared.CreateUser();
        await using var proxy = new TcpProxy(user.Server.Port);
        await using var worker = await HealthHost.StartAsync(provider,
            "--Mailbox:Source=Imap", "--Mailbox:Host=127.0.0.1", $"--Mailbox:Port={proxy.Port}", "--Mailbox:Security=None",
            $"--Mailbox:Username={user.Name}", $"--Mailbox:Password={user.Password}");
        await worker.WaitUntilAsync("SELECT COUNT(*) FROM mailbox_checkpoints WHERE last_contact_at IS NOT NULL", "the mailbox was never reached");

        var (code, body) = await worker.GetHealthAsync();
        Assert.True(code == 200, body.ToString());
        Assert.True(body.GetProperty("health").GetProperty("healthy").GetBoolean());
        var account = $"{user.Name}@127.0.0.1";
        Assert.Equal(account, body.GetProperty("mailboxes")[0].GetProperty("account").GetString());
        Assert.Equal(worker.Clock.GetUtcNow(), body.GetProperty("lastMailboxContactAt").GetDateTimeOffset());

        proxy.Down();
        await worker.WaitUntilAsync("SELECT COUNT(*) FROM mailbox_checkpoints WHERE last_error IS NOT NULL", "the outage was not recorded");
        worker.Clock.Advance(TimeSpan.FromMinutes(29));
        (code, body) = await worker.GetHealthAsync();
        Assert.True(code == 200, "29 minutes is within the limit: " + body);

        worker.Clock.Advance(TimeSpan.FromMinutes(2));
        (code, body) = await worker.GetHealthAsync();
        Assert.Equal(503, code);
        Assert.False(body.GetProperty("health").GetProperty("healthy").GetBoolean());
        var problem = Assert.Single(body.GetProperty("health").GetProperty("problems").EnumerateArray()).GetString();
        Assert.Contains($"mailbox {account} INBOX: not reached for 31 min (limit 30)", problem);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Healthz_turns_503_when_the_outbox_gave_up_on_an_email(DatabaseProvider provider)
    {
        await using var worker = await HealthHost.StartAsync(provider,
            "--Outbox:Mode=Smtp", "--Outbox:Host=127.0.0.1", $"--Outbox:Port={PostfixServer.FreePort()}", "--Outbox:Security=None");
        var (code, body) = await worker.GetHealthAsync();
        Assert.True(code == 200, body.ToString());

        await EnqueueAsync(worker);
        var sender = worker.Services.GetRequiredService<OutboxSender>();
        for (var attempt = 1; attempt < BackoffSchedule.MaxAttempts; attempt++)
        {
            Assert.Equal(1, (await sender.SendDueAsync(CancellationToken.None)).Failed);
            worker.Clock.Advance(BackoffSchedule.Cap + TimeSpan.FromSeconds(1));
        }
        (code, body) = await worker.GetHealthAsync();
        Assert.True(code == 200, "retrying is not unhealthy: " + body);
        Assert.Equal(1, body.GetProperty("outbox").GetProperty("queued").GetInt32());

        Assert.Equal(1, (await sender.SendDueAsync(CancellationToken.None)).Dead);
        (code, body) = await worker.GetHealthAsync();
        Assert.Equal(503, code);
        Assert.Equal(1, body.GetProperty("outbox").GetProperty("dead").GetInt32());
        var problem = Assert.Single(body.GetProperty("health").GetProperty("problems").EnumerateArray()).GetString();
        Assert.StartsWith("outbox: 1 email(s) given up after every attempt; the last error: SocketException", problem);
    }

    [Fact]
    public async Task Healthz_shows_the_configuration_the_worker_loaded()
    {
        await using var worker = await HealthHost.StartAsync(DatabaseProvider.Sqlite);
        await worker.WaitUntilAsync("SELECT COUNT(*) FROM worker_state WHERE name LIKE 'config-reload/%'", "the configuration state was not stored");
        var (_, body) = await worker.GetHealthAsync();
        var reload = Assert.Single(body.GetProperty("configReload").EnumerateArray());
        Assert.Equal("loaded", reload.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, reload.GetProperty("lastReloadAt").ValueKind);
        Assert.Equal(0, reload.GetProperty("problems").GetArrayLength());
    }

    private static async Task EnqueueAsync(HealthHost worker)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Huyện đoàn Giồng Riềng", "huyendoangiongrieng@gmail.com"));
        message.To.Add(new MailboxAddress("Đoàn xã Ngọc Chúc", Submissions.NgocChuc));
        message.Subject = "Nhắc hạn nộp minh chứng 6 tháng đầu năm";
        message.Body = new TextPart("plain") { Text = "Kính gửi Cụm 2: còn 3 ngày đến hạn chót." };
        await using var connection = await worker.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.True(await worker.Services.GetRequiredService<OutboxWriter>().EnqueueAsync(connection, transaction, "reminder", "health-test", message, CancellationToken.None));
        await transaction.CommitAsync();
    }
}
