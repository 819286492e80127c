using EvidenceMailWorker.Benchmarks;

// generate DIR-or-FILE.mbox [count]: a deterministic evidence mailbox (see MailboxGenerator).
if (args is ["generate", var output, .. var rest])
{
    var count = rest is [var n, ..] && int.TryParse(n, out var parsed) ? parsed : MailboxGenerator.DefaultMessages;
    var target = MailboxGenerator.DefaultTargetBytes * count / MailboxGenerator.DefaultMessages;
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var stats = output.EndsWith(".mbox", StringComparison.OrdinalIgnoreCase)
        ? MailboxGenerator.GenerateMbox(output, count, target)
        : MailboxGenerator.Generate(output, count, target);
    Console.WriteLine($"{stats} in {watch.Elapsed.TotalSeconds:F1} s ({stats.Bytes / 1048576.0 / watch.Elapsed.TotalSeconds:F0} MiB/s) -> {output}");
    return 0;
}

if (args is ["imap", .. var imapArgs])
    return await ImapBenchmark.RunAsync(imapArgs);

return 0;
