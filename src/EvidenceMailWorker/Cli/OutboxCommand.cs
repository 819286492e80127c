using System.CommandLine;
using EvidenceMailWorker.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace EvidenceMailWorker.Cli;

// `outbox retry [--json]`: after the cause of undelivered mail is fixed (a new SMTP password, say),
// the mail the outbox gave up on is queued again and one delivery pass runs before the verb exits;
// what still fails is retried by the running worker with the usual back-off.
public static class OutboxCommand
{
    public static Command Create(VerbInvocation invocation)
    {
        var json = GlobalOptions.Json();
        var retry = new Command("retry", "Queue again every email the outbox gave up on, and try to deliver it now") { json };
        retry.SetAction((parse, cancellationToken) => invocation.RunAsync(parse, async (host, ct) =>
        {
            var clock = host.Services.GetRequiredService<TimeProvider>();
            var requeued = await host.Services.GetRequiredService<OutboxStore>().RequeueDeadAsync(clock.GetUtcNow().UtcDateTime, ct);
            var delivery = await host.Services.GetRequiredService<OutboxSender>().SendDueAsync(ct);
            if (parse.GetValue(json))
                Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { requeued, sent = delivery.Sent, notDelivered = delivery.Failed + delivery.Dead }));
            else
                Console.WriteLine($"{requeued} email(s) queued again; {delivery.Sent} sent, {delivery.Failed + delivery.Dead} not delivered yet (kept in the outbox, retried with back-off)");
            return ExitCodes.Success;
        }, cancellationToken));
        return new Command("outbox", "The outbox of emails to send") { retry };
    }
}
