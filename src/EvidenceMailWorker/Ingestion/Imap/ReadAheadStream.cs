using System.Net.Sockets;

namespace EvidenceMailWorker.Ingestion.Imap;

// MailKit reads the server's answers 4 KB at a time (ImapStream's block size), which on a plain
// connection is one receive call per 4 KB: about 131,000 system calls per 512 MiB of backlog. This
// sits between MailKit and the socket and takes whatever has arrived, up to 256 KB, in one call. A
// read returns as soon as anything has arrived (IDLE's notices are not held back), and writes go
// straight to the socket: BufferedStream cannot be used, as it refuses a write while it holds unread
// input from a stream that cannot seek, which is every pipelined command and every DONE after IDLE.
internal sealed class ReadAheadStream(NetworkStream network) : Stream
{
    private const int Capacity = 1 << 18;
    private readonly byte[] _buffer = new byte[Capacity];
    private int _start;
    private int _end;

    public override int Read(Span<byte> destination)
    {
        if (_start == _end)
        {
            if (destination.Length >= Capacity)
                return network.Read(destination);
            _start = _end = 0;
            _end = network.Read(_buffer);
        }
        return Take(destination);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_start == _end)
        {
            if (destination.Length >= Capacity)
                return await network.ReadAsync(destination, cancellationToken);
            _start = _end = 0;
            _end = await network.ReadAsync(_buffer, cancellationToken);
        }
        return Take(destination.Span);
    }

    private int Take(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer) => network.Write(buffer);
    public override void Write(byte[] buffer, int offset, int count) => network.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        network.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        network.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => network.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => network.FlushAsync(cancellationToken);

    // MailKit sets its timeouts on the stream it is given; they belong to the socket.
    public override bool CanTimeout => network.CanTimeout;
    public override int ReadTimeout { get => network.ReadTimeout; set => network.ReadTimeout = value; }
    public override int WriteTimeout { get => network.WriteTimeout; set => network.WriteTimeout = value; }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            network.Dispose();
        base.Dispose(disposing);
    }
}
