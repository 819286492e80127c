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

// import MAILDIR [sqlite] [postgres] [floor]: the real CLI's import per provider, with throughput and peak memory;
// with postgres or floor, PostgreSQL's own floor for the same files (INSERT and COPY), floor alone runs only that.
if (args is ["import", var mailbox, .. var providers])
{
    var code = await ImportBenchmark.RunAsync(mailbox, providers.Length > 0 ? providers : ["sqlite", "postgres"]);
    if (providers.Length == 0 || providers.Contains("postgres", StringComparer.OrdinalIgnoreCase))
        EvidenceMailWorker.Tests.Infrastructure.PostgresServer.Instance.Dispose();
    return code;
}

// receipts [count]: median latency from verdict commit to SMTP accept (see ReceiptLatency).
if (args is ["receipts", .. var receiptArgs])
    return await ReceiptLatency.RunAsync(receiptArgs is [var c, ..] && int.TryParse(c, out var n2) ? n2 : 50);

// match DIR [count] [targetMB]: matching throughput against ingest time (see MatchBenchmark).
if (args is ["match", var folder, .. var more])
    return await MatchBenchmark.RunAsync(folder, more is [var c, ..] && int.TryParse(c, out var n2) ? n2 : MailboxGenerator.DefaultMessages,
        more is [_, var mb, ..] && long.TryParse(mb, out var m) ? m << 20 : MailboxGenerator.DefaultTargetBytes);

// compile [units] [clusters]: validation, matcher compilation and matching for a province-sized campaign.
if (args is ["compile", .. var compileArgs])
    return CampaignCompileBenchmark.Run(compileArgs is [var u, ..] && int.TryParse(u, out var units) ? units : 1500,
        compileArgs is [_, var k, ..] && int.TryParse(k, out var clusters) ? clusters : 40);

// report [clusters] [units] [criteria] [items]: `report --format xlsx` on a province-sized campaign (see ReportBenchmark).
if (args is ["report", .. var reportArgs])
{
    int Arg(int i, int fallback) => reportArgs.Length > i && int.TryParse(reportArgs[i], out var v) ? v : fallback;
    return await ReportBenchmark.RunAsync(Arg(0, 40), Arg(1, 1500), Arg(2, 60), Arg(3, 100_000));
}

// export [MB]: `export` throughput against a plain file copy, memory flat (see ExportBenchmark).
if (args is ["export", .. var exportArgs])
    return await ExportBenchmark.RunAsync(exportArgs is [var mb, ..] && long.TryParse(mb, out var size) ? size : 2048);

// jobs [clusters] [units] [criteria] [items]: reminders, a digest and schedule on a province-sized campaign.
if (args is ["jobs", .. var jobArgs])
{
    int Arg(int i, int fallback) => jobArgs.Length > i && int.TryParse(jobArgs[i], out var v) ? v : fallback;
    return await JobsBenchmark.RunAsync(Arg(0, 40), Arg(1, 1500), Arg(2, 60), Arg(3, 100_000));
}

// submissions [items]: `submissions --json` over a province-sized archive, streamed (see SubmissionsBenchmark).
if (args is ["submissions", .. var submissionArgs])
    return await SubmissionsBenchmark.RunAsync(submissionArgs is [var i, ..] && int.TryParse(i, out var items) ? items : 100_000);

if (args is ["imap", .. var imapArgs])
    return await ImapBenchmark.RunAsync(imapArgs);

Console.Error.WriteLine("usage: generate DIR|FILE.mbox [count] | import MAILDIR [sqlite] [postgres] [floor] | receipts [count] | match DIR [count] [targetMB] | report [clusters] [units] [criteria] [items] | export [MB] | imap [count] [rounds] | compile [units] [clusters] | jobs [clusters] [units] [criteria] [items] | submissions [items]");
return 1;
