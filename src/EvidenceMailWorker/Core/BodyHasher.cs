using System.Security.Cryptography;

namespace EvidenceMailWorker.Core;

// The body hash of ContentKey fed chunk by chunk, so it can ride along with the spooling copy
// instead of costing a second read of the message.
public sealed class BodyHasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _inBody;
    private byte _previous; // last non-CR header byte, to spot "\n\n" across chunks

    public void Append(ReadOnlySpan<byte> span)
    {
        if (!_inBody)
        {
            var start = -1;
            for (var i = 0; i < span.Length; i++)
            {
                var b = span[i];
                if (b == (byte)'\r')
                    continue;
                if (b == (byte)'\n' && _previous == (byte)'\n')
                {
                    start = i + 1;
                    break;
                }
                _previous = b;
            }
            if (start < 0)
                return;
            _inBody = true;
            span = span[start..];
        }
        while (!span.IsEmpty)
        {
            var cr = span.IndexOf((byte)'\r');
            if (cr < 0)
            {
                _hash.AppendData(span);
                return;
            }
            _hash.AppendData(span[..cr]);
            span = span[(cr + 1)..];
        }
    }

    public byte[] Finish() => _hash.GetHashAndReset();

    public void Dispose() => _hash.Dispose();
}
