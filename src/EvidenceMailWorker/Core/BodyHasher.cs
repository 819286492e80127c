using System.Security.Cryptography;

namespace EvidenceMailWorker.Core;

// The body hash of ContentKey fed chunk by chunk, so it can ride along with the spooling copy
// instead of costing a second read of the message. CR bytes are dropped (transport changes line ends).
//
// "The body" is what follows a header block made only of well-formed header lines ending in a blank
// line. Anything else (no blank line, no headers, leading whitespace, a line that is no header) has
// no body boundary this hasher can be sure a MIME parser agrees with, so the whole message counts as
// its body: two files can then share an identity only when their bytes (CRs aside) are equal.
public sealed class BodyHasher : IDisposable
{
    private enum State { LineStart, Name, BeforeColon, Value, Body, Broken }

    private readonly IncrementalHash _body = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _gather = new byte[64 * 1024];
    private State _state = State.LineStart;
    private bool _firstLine = true;
    private int _nameLength;

    public void Append(ReadOnlySpan<byte> span)
    {
        // Once the body has started the whole-message hash can no longer be the answer (Finish), so
        // the rest of a message is hashed once, not twice.
        if (_state == State.Body)
        {
            AppendWithoutCr(_body, span);
            return;
        }
        AppendWithoutCr(_whole, span);
        if (_state == State.Broken)
            return;
        var start = ScanHeaders(span);
        if (start < 0)
            return;
        AppendWithoutCr(_body, span[start..]);
    }

    // Index where the body starts in span, or -1 while still in the header block (or broken).
    private int ScanHeaders(ReadOnlySpan<byte> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (b == (byte)'\r')
                continue;
            switch (_state)
            {
                case State.LineStart:
                    if (b == (byte)'\n')
                    {
                        if (_firstLine)
                        {
                            _state = State.Broken; // leading blank line: no header block at all
                            return -1;
                        }
                        _state = State.Body;
                        return i + 1;
                    }
                    if (b is (byte)' ' or (byte)'\t')
                    {
                        if (_firstLine)
                        {
                            _state = State.Broken;
                            return -1;
                        }
                        _state = State.Value; // folded continuation of the previous header
                        break;
                    }
                    _nameLength = 0;
                    _state = State.Name;
                    goto case State.Name;
                case State.Name:
                    if (b == (byte)':' && _nameLength > 0)
                    {
                        _state = State.Value;
                        break;
                    }
                    if (b is (byte)' ' or (byte)'\t' && _nameLength > 0)
                    {
                        _state = State.BeforeColon; // obsolete syntax "Subject : ..." (RFC 5322 §4.5.3)
                        break;
                    }
                    if (b is < 33 or > 126 || b == (byte)':')
                    {
                        _state = State.Broken;
                        return -1;
                    }
                    _nameLength++;
                    break;
                case State.BeforeColon:
                    if (b == (byte)':')
                        _state = State.Value;
                    else if (b is not ((byte)' ' or (byte)'\t'))
                    {
                        _state = State.Broken;
                        return -1;
                    }
                    break;
                case State.Value:
                    if (b == (byte)'\n')
                    {
                        _firstLine = false;
                        _state = State.LineStart;
                    }
                    break;
            }
        }
        return -1;
    }

    // Whether a body boundary was found; when not, the hash is of the whole message.
    public bool HasBody => _state == State.Body;

    public byte[] Finish() => _state == State.Body ? _body.GetHashAndReset() : _whole.GetHashAndReset();

    // CRLF mail has a CR every line: the line pieces are gathered into one buffer and hashed in one
    // call, instead of one call into the hash per line.
    private void AppendWithoutCr(IncrementalHash hash, ReadOnlySpan<byte> span)
    {
        var filled = 0;
        while (!span.IsEmpty)
        {
            var cr = span.IndexOf((byte)'\r');
            var piece = cr < 0 ? span : span[..cr];
            span = cr < 0 ? default : span[(cr + 1)..];
            while (!piece.IsEmpty)
            {
                var take = Math.Min(piece.Length, _gather.Length - filled);
                piece[..take].CopyTo(_gather.AsSpan(filled));
                filled += take;
                piece = piece[take..];
                if (filled == _gather.Length)
                {
                    hash.AppendData(_gather);
                    filled = 0;
                }
            }
        }
        hash.AppendData(_gather.AsSpan(0, filled));
    }

    public void Dispose()
    {
        _body.Dispose();
        _whole.Dispose();
    }
}
