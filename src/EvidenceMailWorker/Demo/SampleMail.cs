using EvidenceMailWorker.Core;
using MimeKit;

namespace EvidenceMailWorker.Demo;

// One bundled message and the moment it arrives: its received time as `import` reads it (CONTRACT §4:
// the topmost Received: header, else Date:), so the simulated arrival is the time the worker stores.
public sealed record ArrivingMail(string FileName, string? MessageId, DateTimeOffset ArrivesAt, byte[] Raw);

// The demo's sample mail (Assets/Demo/*.eml, written by Assets/Demo/generate.py), embedded in the
// executable so that a published single file runs `demo` with nothing beside it.
public static class SampleMail
{
    private const string Prefix = "Demo/";

    public static IReadOnlyList<ArrivingMail> Load()
    {
        var assembly = typeof(SampleMail).Assembly;
        var mail = new List<ArrivingMail>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".eml", StringComparison.Ordinal)))
        {
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            resource.CopyTo(buffer);
            buffer.Position = 0;
            var headers = HeaderList.Load(buffer);
            var arrives = ReceivedTime.Determine(headers, null, DateTimeOffset.MinValue);
            if (arrives == DateTimeOffset.MinValue)
                throw new InvalidOperationException($"bundled message {name} has neither a Received: nor a Date: header");
            mail.Add(new ArrivingMail(name[Prefix.Length..], headers[HeaderId.MessageId], arrives, buffer.ToArray()));
        }
        return mail.OrderBy(m => m.ArrivesAt).ThenBy(m => m.FileName, StringComparer.Ordinal).ToList();
    }
}
