using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MimeKit;
using MimeKit.Utils;

namespace EvidenceMailWorker.Benchmarks;

/// <summary>
/// Writes a realistic, deterministic evidence mailbox (Vietnamese subjects and file names, unit
/// senders from the campaign, log-normal attachment sizes with a few 10–20 MB ones, some zips) as
/// .eml files or as one mbox, for ingestion benchmarks. Attachment bytes are produced on the fly, so
/// memory stays flat whatever the size.
/// </summary>
public static class MailboxGenerator
{
    public const int DefaultMessages = 2000;
    public const long DefaultTargetBytes = 1L << 30;

    private const double BigMessageShare = 0.02;
    private const long BigMin = 10L << 20;
    private const long BigMax = 20L << 20;
    private const double MedianAttachmentBytes = 300 * 1024;
    // Base64 with a line break every 76 characters, plus headers: how raw bytes grow on disk.
    private const double EncodedGrowth = 78.0 / 57.0;

    public static GeneratorStats Generate(string outputFolder, int messages = DefaultMessages,
        long targetBytes = DefaultTargetBytes, int seed = 1, string? campaignPath = null)
    {
        Directory.CreateDirectory(outputFolder);
        var plans = Plan(LoadCampaign(campaignPath), messages, targetBytes, seed);
        var stats = new GeneratorStats();
        // Messages are independent, so both cores can work; output stays deterministic per file.
        Parallel.ForEach(plans, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, plan =>
        {
            var path = Path.Combine(outputFolder, $"{plan.Index + 1:D6}.eml");
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            WriteMessage(plan, file, file, NewLineFormat.Dos);
            Count(stats, file.Length, plan);
        });
        return stats;
    }

    /// <summary>The same messages as <see cref="Generate"/>, as one mboxrd file (LF line ends).</summary>
    public static GeneratorStats GenerateMbox(string path, int messages = DefaultMessages,
        long targetBytes = DefaultTargetBytes, int seed = 1, string? campaignPath = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var plans = Plan(LoadCampaign(campaignPath), messages, targetBytes, seed);
        var stats = new GeneratorStats();
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        foreach (var plan in plans)
        {
            var start = file.Position;
            var separator = string.Create(CultureInfo.InvariantCulture,
                $"From {plan.Sender.Email} {plan.Date.UtcDateTime:ddd MMM dd HH:mm:ss yyyy}\n");
            file.Write(Encoding.ASCII.GetBytes(separator));
            using (var escaped = new MboxFromEscapingStream(file))
            {
                // Base64 bodies cannot contain "From " (no space in the alphabet), so they bypass the escaper.
                WriteMessage(plan, escaped, file, NewLineFormat.Unix);
            }

            // mbox needs an empty line before the next separator.
            file.WriteByte((byte)'\n');
            Count(stats, file.Position - start, plan);
        }

        return stats;
    }

    private static void Count(GeneratorStats stats, long bytes, MessagePlan plan) =>
        stats.Add(bytes, plan.Attachments.Count, plan.Attachments.Count(a => a.IsBig), plan.Attachments.Count(a => a.Kind == AttachmentKind.Zip));

    /// <summary>
    /// Headers and text come from MimeKit; attachment bodies are base64-encoded here, because
    /// MimeKit's scalar encoder (≈150 MB/s) would otherwise be the whole cost of the generator.
    /// </summary>
    private static void WriteMessage(MessagePlan plan, Stream output, Stream bodyOutput, NewLineFormat newLine)
    {
        var tempFiles = new List<string>();
        var streams = new List<Stream>();
        try
        {
            var message = BuildMessage(plan, tempFiles, streams);
            var options = FormatOptions.Default.Clone();
            options.NewLineFormat = newLine;
            // Webmail and Outlook still send RFC 2047 names; Thunderbird and MimeKit use RFC 2231.
            // Ingestion has to read both, so the corpus carries both.
            options.ParameterEncodingMethod = plan.Index % 3 == 0 ? ParameterEncodingMethod.Rfc2047 : ParameterEncodingMethod.Rfc2231;
            var nl = newLine == NewLineFormat.Dos ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
            var mixed = (Multipart)message.Body!;
            var delimiter = Encoding.ASCII.GetBytes($"--{mixed.Boundary}");

            message.MimeVersion = new Version(1, 0);
            // HeaderList.WriteTo ends with the blank line, so the message's and the body's
            // headers have to go out as one list.
            var headers = new HeaderList();
            foreach (var header in message.Headers.Concat(mixed.Headers))
            {
                headers.Add(header.Clone());
            }

            headers.WriteTo(options, output);
            foreach (var part in mixed.Cast<MimePart>())
            {
                output.Write(delimiter);
                output.Write(nl);
                if (part is TextPart)
                {
                    part.WriteTo(options, output);
                }
                else
                {
                    part.Headers.WriteTo(options, output);
                    output.Flush();
                    WriteBase64(part.Content!.Stream!, bodyOutput, nl);
                }

                output.Write(nl);
            }

            output.Write(delimiter);
            output.Write("--"u8);
            output.Write(nl);
            output.Flush();
        }
        finally
        {
            // MimeContent does not own its stream.
            streams.ForEach(stream => stream.Dispose());
            foreach (var temp in tempFiles)
            {
                File.Delete(temp);
            }
        }
    }

    private static void WriteBase64(Stream source, Stream output, byte[] nl)
    {
        const int LinesPerChunk = 1024;
        var raw = ArrayPool<byte>.Shared.Rent(57 * LinesPerChunk);
        var encoded = ArrayPool<byte>.Shared.Rent(76 * LinesPerChunk);
        var lines = ArrayPool<byte>.Shared.Rent((76 + 2) * LinesPerChunk);
        try
        {
            int read;
            while ((read = source.ReadAtLeast(raw.AsSpan(0, 57 * LinesPerChunk), 57 * LinesPerChunk, throwOnEndOfStream: false)) > 0)
            {
                Base64.EncodeToUtf8(raw.AsSpan(0, read), encoded, out _, out var written);
                var at = 0;
                for (var i = 0; i < written; i += 76)
                {
                    var line = encoded.AsSpan(i, Math.Min(76, written - i));
                    line.CopyTo(lines.AsSpan(at));
                    nl.CopyTo(lines.AsSpan(at + line.Length));
                    at += line.Length + nl.Length;
                }

                output.Write(lines, 0, at);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<byte>.Shared.Return(encoded);
            ArrayPool<byte>.Shared.Return(lines);
        }
    }

    private static MimeMessage BuildMessage(MessagePlan plan, List<string> tempFiles, List<Stream> streams)
    {
        var message = new MimeMessage();
        // Insert, not Add: MimeMessage pre-creates From/Date/Subject/Message-Id, and a Received
        // header belongs above them, as the receiving server prepends it.
        message.Headers.Insert(0, new Header(HeaderId.Received,
            $"from mail-{plan.Index % 97}.example.org (mail-{plan.Index % 97}.example.org. [203.113.{plan.Index % 250}.{plan.Index % 199 + 1}]) " +
            $"by mx.google.com with SMTPS id gen{plan.Seed:x}{plan.Index} for <{plan.Mailbox}>; " +
            DateUtils.FormatDate(plan.Date.AddSeconds(2))));
        message.From.Add(new MailboxAddress(plan.Sender.Name, plan.Sender.Email));
        message.To.Add(MailboxAddress.Parse(plan.Mailbox));
        message.Subject = plan.Subject;
        message.Date = plan.Date;
        message.MessageId = $"gen.{plan.Seed}.{plan.Index + 1}@{plan.Sender.Email.Split('@')[1]}";

        // Fixed boundaries: MimeKit's default ones are random and would break determinism.
        var mixed = new Multipart("mixed") { Boundary = $"=_mixed_{plan.Seed}_{plan.Index}" };
        mixed.Add(new TextPart("plain")
        {
            Text = plan.Body,
            ContentTransferEncoding = ContentEncoding.QuotedPrintable,
        });
        for (var i = 0; i < plan.Attachments.Count; i++)
        {
            var attachment = plan.Attachments[i];
            var contentSeed = Mix((ulong)plan.Seed * 0x9E3779B97F4A7C15UL + (ulong)plan.Index * 131UL + (ulong)i);
            Stream content;
            if (attachment.Kind == AttachmentKind.Zip)
            {
                var temp = Path.Combine(Path.GetTempPath(), $"mailgen-{Environment.ProcessId}-{plan.Index}-{i}.zip");
                tempFiles.Add(temp);
                WriteZip(temp, attachment, contentSeed, plan.Date);
                content = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            }
            else
            {
                content = new PseudoRandomStream(attachment.Bytes, contentSeed, Magic(attachment.Kind));
            }

            streams.Add(content);

            mixed.Add(new MimePart(ContentTypeOf(attachment.Kind))
            {
                Content = new MimeContent(content),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = attachment.FileName,
            });
        }

        message.Body = mixed;
        return message;
    }

    private static void WriteZip(string path, AttachmentPlan attachment, ulong seed, DateTimeOffset date)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        var entries = attachment.ZipEntries;
        var per = Math.Max(1, attachment.Bytes / entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            // Random bytes do not compress; Stored saves the time Deflate would waste trying.
            var entry = zip.CreateEntry(entries[i], CompressionLevel.NoCompression);
            entry.LastWriteTime = date.AddMinutes(-i - 5);
            using var target = entry.Open();
            using var source = new PseudoRandomStream(per, Mix(seed + (ulong)i), Magic(KindOf(entries[i])));
            source.CopyTo(target, 1 << 16);
        }
    }

    // ---- Planning: everything random is decided here, from one seeded Random, in a fixed order.

    private static List<MessagePlan> Plan(Campaign campaign, int messages, long targetBytes, int seed)
    {
        var random = new Random(seed);
        var dates = Enumerable.Range(0, messages).Select(_ => RandomDate(random)).Order().ToArray();
        var bigCount = (int)Math.Round(messages * BigMessageShare);
        // Never let the big ones eat more than half the budget, or the small ones would shrink to nothing.
        while (bigCount > 0 && bigCount * (BigMin + BigMax) / 2 * EncodedGrowth > targetBytes / 2)
        {
            bigCount--;
        }

        var bigIndexes = Enumerable.Range(0, messages).OrderBy(_ => random.Next()).Take(bigCount).ToHashSet();
        var plans = new List<MessagePlan>(messages);
        for (var index = 0; index < messages; index++)
        {
            plans.Add(PlanMessage(campaign, random, seed, index, dates[index], bigIndexes.Contains(index)));
        }

        // Sizes are drawn from the shape first, then the ordinary ones are scaled so the whole
        // mailbox lands near targetBytes; the big ones stay 10–20 MB, which is what stresses streaming.
        var bigBytes = plans.SelectMany(p => p.Attachments).Where(a => a.IsBig).Sum(a => a.Bytes);
        var smallBytes = plans.SelectMany(p => p.Attachments).Where(a => !a.IsBig).Sum(a => a.Bytes);
        var overhead = messages * 2500L;
        var smallBudget = Math.Max(messages * 4096L, (long)((targetBytes - overhead) / EncodedGrowth) - bigBytes);
        var scale = smallBytes == 0 ? 1.0 : (double)smallBudget / smallBytes;
        foreach (var attachment in plans.SelectMany(p => p.Attachments).Where(a => !a.IsBig))
        {
            attachment.Bytes = Math.Max(1024, (long)(attachment.Bytes * scale));
        }

        return plans;
    }

    private static DateTimeOffset RandomDate(Random random)
    {
        var vietnam = TimeSpan.FromHours(7);
        DateTimeOffset[] deadlines =
        [
            new(2024, 6, 10, 0, 0, 0, vietnam), new(2024, 9, 10, 0, 0, 0, vietnam), new(2024, 10, 10, 0, 0, 0, vietnam),
        ];
        // Most evidence arrives in the two weeks before a deadline, the rest any time Jan–Oct.
        DateTimeOffset day = random.NextDouble() < 0.6
            ? deadlines[random.Next(deadlines.Length)].AddDays(-random.Next(1, 15))
            : new DateTimeOffset(2024, 1, 2, 0, 0, 0, vietnam).AddDays(random.Next(0, 303));
        return day.AddHours(random.Next(7, 22)).AddMinutes(random.Next(60)).AddSeconds(random.Next(60));
    }

    private static MessagePlan PlanMessage(Campaign campaign, Random random, int seed, int index, DateTimeOffset date, bool big)
    {
        var period = date < new DateTimeOffset(2024, 6, 11, 0, 0, 0, TimeSpan.FromHours(7)) ? "6 tháng đầu năm 2024"
            : date < new DateTimeOffset(2024, 9, 11, 0, 0, 0, TimeSpan.FromHours(7)) ? "9 tháng năm 2024"
            : "tổng kết năm 2024";
        var criterion = campaign.Criteria[random.Next(campaign.Criteria.Count)];
        var fromCluster = random.NextDouble() < 0.3;
        var cluster = campaign.Clusters[random.Next(campaign.Clusters.Count)];
        var sender = fromCluster ? cluster.Leader : campaign.Units[random.Next(campaign.Units.Count)];
        var track = criterion.Code.StartsWith('H') ? "công tác Hội" : "công tác Đoàn";
        var subject = random.Next(6) switch
        {
            0 or 1 when fromCluster => $"{cluster.Name} gửi minh chứng {period}",
            0 => $"{sender.Name} gửi minh chứng {period}",
            1 => $"V/v nộp minh chứng {track} {period} - {sender.Name}",
            2 => $"Minh chứng tiêu chí {criterion.Code} - {sender.Name}",
            3 => $"Fwd: {sender.Name} gửi minh chứng {period}",
            4 => $"Re: Bổ sung minh chứng TC {criterion.Code} {period}",
            _ => $"{(fromCluster ? cluster.Name : sender.Name)} - minh chứng {criterion.Name.ToLowerInvariant()}",
        };

        var count = random.NextDouble() switch { < 0.45 => 1, < 0.75 => 2, < 0.9 => 3, < 0.97 => 4, _ => 6 };
        var attachments = new List<AttachmentPlan>(count);
        for (var i = 0; i < count; i++)
        {
            var c = i == 0 ? criterion : campaign.Criteria[random.Next(campaign.Criteria.Count)];
            attachments.Add(PlanAttachment(campaign, random, c, big && i == 0));
        }

        var body = new StringBuilder()
            .Append("Kính gửi Văn phòng Huyện đoàn,\n\n")
            .Append(CultureInfo.InvariantCulture, $"{(fromCluster ? cluster.Name : sender.Name)} xin gửi minh chứng {period}, gồm các tệp đính kèm:\n");
        foreach (var attachment in attachments)
        {
            body.Append(CultureInfo.InvariantCulture, $"- {attachment.FileName}\n");
        }

        body.Append("\nTrân trọng,\n").Append(sender.Name).Append('\n');
        return new MessagePlan(index, seed, date, sender, campaign.Mailbox, subject, body.ToString(), attachments);
    }

    private static AttachmentPlan PlanAttachment(Campaign campaign, Random random, Criterion criterion, bool big)
    {
        // Log-normal: many small scans and photos, a long tail of big PDFs.
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var bytes = big
            ? BigMin + (long)(random.NextDouble() * (BigMax - BigMin))
            : (long)Math.Clamp(MedianAttachmentBytes * Math.Exp(0.9 * gaussian), 2048, 8 << 20);
        var kind = random.NextDouble() switch
        {
            < 0.40 => AttachmentKind.Pdf,
            < 0.70 => AttachmentKind.Jpeg,
            < 0.82 => AttachmentKind.Docx,
            < 0.90 => AttachmentKind.Xlsx,
            _ => AttachmentKind.Zip,
        };
        if (big)
        {
            kind = random.NextDouble() < 0.5 ? AttachmentKind.Pdf : AttachmentKind.Zip;
        }

        var evidence = criterion.Evidence.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var piece = evidence.Length == 0 ? "Minh chứng" : evidence[random.Next(evidence.Length)];
        var keyword = criterion.Keywords.Count == 0 ? criterion.Name : criterion.Keywords[random.Next(criterion.Keywords.Count)];
        var name = kind switch
        {
            AttachmentKind.Jpeg => $"Tiêu chí {criterion.Code} - ảnh {keyword} {random.Next(1, 30)}.jpg",
            AttachmentKind.Pdf => $"TC {criterion.Code} - {Capitalize(piece)} {Shorten(criterion.Name)}.pdf",
            AttachmentKind.Docx => $"TC {criterion.Code} - {Capitalize(piece)} {keyword}.docx",
            AttachmentKind.Xlsx => $"TC {criterion.Code} - Danh sách {keyword}.xlsx",
            _ => $"Minh chứng {criterion.Code} và các tiêu chí khác.zip",
        };

        var zipEntries = new List<string>();
        if (kind == AttachmentKind.Zip)
        {
            var entryCount = random.Next(2, 9);
            for (var e = 0; e < entryCount; e++)
            {
                var c = e == 0 ? criterion : campaign.Criteria[random.Next(campaign.Criteria.Count)];
                var ext = random.Next(3) switch { 0 => "pdf", 1 => "jpg", _ => "docx" };
                var label = ext == "jpg" ? $"ảnh hoạt động {e + 1}" : $"{Capitalize(piece)} {e + 1}";
                zipEntries.Add($"Tiêu chí {c.Code}/{label}.{ext}");
            }
        }

        return new AttachmentPlan(name, kind, big, zipEntries) { Bytes = bytes };
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Shorten(string text)
    {
        var words = text.Split(',')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(6));
    }

    private static AttachmentKind KindOf(string name) => Path.GetExtension(name) switch
    {
        ".pdf" => AttachmentKind.Pdf,
        ".jpg" => AttachmentKind.Jpeg,
        _ => AttachmentKind.Docx,
    };

    private static ContentType ContentTypeOf(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => new ContentType("application", "pdf"),
        AttachmentKind.Jpeg => new ContentType("image", "jpeg"),
        AttachmentKind.Docx => new ContentType("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        AttachmentKind.Xlsx => new ContentType("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        _ => new ContentType("application", "zip"),
    };

    // Just enough of a signature for type sniffing; docx/xlsx get none because a fake "PK" header
    // would send an archive expander into a corrupt zip.
    private static byte[] Magic(AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => "%PDF-1.7\n"u8.ToArray(),
        AttachmentKind.Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00],
        _ => [],
    };

    internal static ulong Mix(ulong x)
    {
        // SplitMix64 finalizer: position-addressable, so a stream can seek without replaying.
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    // ---- Campaign data

    private static Campaign LoadCampaign(string? path)
    {
        path ??= FindCampaign() ?? throw new FileNotFoundException(
            "No campaign file found: pass campaignPath, or provide config/campaign.json " +
            "(or /work/shared/design/sample-campaign.json).");
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var document = JsonDocument.Parse(File.ReadAllText(path), options);
        var root = document.RootElement.GetProperty("Campaign");
        var units = root.GetProperty("Units").EnumerateArray()
            .Select(u => new Unit(
                u.GetProperty("Id").GetString()!,
                u.GetProperty("Name").GetString()!,
                u.GetProperty("Emails").EnumerateArray().Select(e => e.GetString()!).FirstOrDefault() ?? $"{u.GetProperty("Id").GetString()}@example.org"))
            .ToList();
        var byId = units.ToDictionary(u => u.Id);
        var clusters = root.GetProperty("Clusters").EnumerateArray()
            .Select(c => new Cluster(c.GetProperty("Name").GetString()!, byId[c.GetProperty("Leader").GetString()!]))
            .ToList();
        var criteria = root.GetProperty("Criteria").EnumerateArray()
            .Select(c => new Criterion(
                c.GetProperty("Code").GetString()!,
                c.GetProperty("Name").GetString()!,
                c.TryGetProperty("Evidence", out var ev) ? ev.GetString() ?? "" : "",
                c.TryGetProperty("Keywords", out var kw) ? [.. kw.EnumerateArray().Select(k => k.GetString()!)] : []))
            .ToList();
        var mailbox = root.TryGetProperty("Mailbox", out var mb) ? mb.GetString()! : "evidence@example.org";
        return new Campaign(mailbox, units, clusters, criteria);
    }

    private static string? FindCampaign()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { "config/campaign.json", "config/sample-campaign.json" })
                {
                    var path = Path.Combine(dir.FullName, candidate);
                    if (File.Exists(path))
                    {
                        return path;
                    }
                }
            }
        }

        const string shared = "/work/shared/design/sample-campaign.json";
        return File.Exists(shared) ? shared : null;
    }

    private sealed record Unit(string Id, string Name, string Email);

    private sealed record Cluster(string Name, Unit Leader);

    private sealed record Criterion(string Code, string Name, string Evidence, List<string> Keywords);

    private sealed record Campaign(string Mailbox, List<Unit> Units, List<Cluster> Clusters, List<Criterion> Criteria);

    private enum AttachmentKind { Pdf, Jpeg, Docx, Xlsx, Zip }

    private sealed record AttachmentPlan(string FileName, AttachmentKind Kind, bool IsBig, List<string> ZipEntries)
    {
        public long Bytes { get; set; }
    }

    private sealed record MessagePlan(int Index, int Seed, DateTimeOffset Date, Unit Sender, string Mailbox,
        string Subject, string Body, List<AttachmentPlan> Attachments);

    /// <summary>Counts, for the caller's report.</summary>
    public sealed class GeneratorStats
    {
        private long _messages;
        private long _bytes;
        private long _attachments;
        private long _bigAttachments;
        private long _zips;

        public long Messages => Interlocked.Read(ref _messages);

        public long Bytes => Interlocked.Read(ref _bytes);

        public long Attachments => Interlocked.Read(ref _attachments);

        public long BigAttachments => Interlocked.Read(ref _bigAttachments);

        public long Zips => Interlocked.Read(ref _zips);

        internal void Add(long bytes, int attachments, int bigAttachments, int zips)
        {
            Interlocked.Increment(ref _messages);
            Interlocked.Add(ref _bytes, bytes);
            Interlocked.Add(ref _attachments, attachments);
            Interlocked.Add(ref _bigAttachments, bigAttachments);
            Interlocked.Add(ref _zips, zips);
        }

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture,
                $"{Messages} messages, {Bytes / 1048576.0:F1} MiB, {Attachments} attachments ({BigAttachments} of 10–20 MB, {Zips} zips)");
    }
}

/// <summary>
/// A read-only, seekable stream of <c>length</c> pseudo-random bytes (after an optional fixed
/// header). Byte blocks are a hash of their position, so content is deterministic, seeking is free
/// and nothing is ever held in memory.
/// </summary>
internal sealed class PseudoRandomStream(long length, ulong seed, byte[]? header = null) : Stream
{
    private readonly byte[] _header = header ?? [];
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = (int)Math.Min(buffer.Length, length - _position);
        var written = 0;
        while (written < total && _position < _header.Length)
        {
            buffer[written++] = _header[_position++];
        }

        // Unaligned head, one byte at a time up to the next 8-byte block.
        while (written < total && (_position & 7) != 0)
        {
            buffer[written++] = Block(_position >> 3, (int)(_position & 7));
            _position++;
        }

        var whole = (total - written) / 8;
        if (whole > 0)
        {
            var blocks = MemoryMarshal.Cast<byte, ulong>(buffer.Slice(written, whole * 8));
            var first = (ulong)(_position >> 3);
            for (var i = 0; i < blocks.Length; i++)
            {
                blocks[i] = Cheap(first + (ulong)i);
            }

            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(blocks, blocks);
            }

            written += whole * 8;
            _position += whole * 8;
        }

        while (written < total)
        {
            buffer[written++] = Block(_position >> 3, (int)(_position & 7));
            _position++;
        }

        return total;
    }

    private byte Block(long block, int index) => (byte)(Cheap((ulong)block) >> (8 * index));

    // wyhash-style mix: one 128-bit multiply per 8 bytes. Statistical quality is irrelevant here;
    // the bytes only have to be incompressible and cheap.
    private ulong Cheap(ulong block)
    {
        var high = Math.BigMul(block ^ 0xA0761D6478BD642FUL, seed ^ 0xE7037ED1A0B428DBUL, out var low);
        return high ^ low;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// mboxrd escaping on the way out: a line matching <c>^&gt;*From </c> gets one more '&gt;', so a
/// reader can tell message separators from body text and undo the escaping exactly.
/// </summary>
internal sealed class MboxFromEscapingStream(Stream inner) : Stream
{
    private static readonly byte[] From = "From "u8.ToArray();
    private readonly List<byte> _pending = [];
    private bool _atLineStart = true;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var i = 0;
        while (i < buffer.Length)
        {
            if (_atLineStart)
            {
                // Undecided line starts are rare (only lines beginning with '>' or 'F'), so the
                // byte-wise path costs nothing on base64 bodies.
                var b = buffer[i];
                if (_pending.Count == 0 && b != (byte)'>' && b != (byte)'F')
                {
                    _atLineStart = false;
                    continue;
                }

                _pending.Add(b);
                i++;
                switch (Classify())
                {
                    case Match.Yes:
                        inner.WriteByte((byte)'>');
                        FlushPending();
                        break;
                    case Match.No:
                        FlushPending();
                        _atLineStart = b == (byte)'\n';
                        break;
                }

                continue;
            }

            var newline = buffer[i..].IndexOf((byte)'\n');
            var end = newline < 0 ? buffer.Length : i + newline + 1;
            inner.Write(buffer[i..end]);
            i = end;
            _atLineStart = newline >= 0;
        }
    }

    private enum Match { Yes, No, Undecided }

    private Match Classify()
    {
        var k = 0;
        while (k < _pending.Count && _pending[k] == (byte)'>')
        {
            k++;
        }

        for (var j = 0; k + j < _pending.Count; j++)
        {
            if (j == From.Length)
            {
                return Match.Yes;
            }

            if (_pending[k + j] != From[j])
            {
                return Match.No;
            }
        }

        return _pending.Count - k == From.Length ? Match.Yes : Match.Undecided;
    }

    private void FlushPending()
    {
        inner.Write(CollectionsMarshal.AsSpan(_pending));
        _pending.Clear();
        _atLineStart = false;
    }

    public override void Flush()
    {
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        // An undecided tail cannot be "From ": write it as it is.
        if (disposing && _pending.Count > 0)
        {
            FlushPending();
            inner.Flush();
        }

        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
