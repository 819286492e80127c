using System.Net.Sockets;

namespace EvidenceMailWorker.Ingestion.Imap;

// MailKit reads the server's answers 4 KB at a time (ImapStream's block size), which on a plain
// connection is one receive call per 4 KB or less (about 144,000 measured per 512 MiB of backlog).
// This sits between MailKit and the socket and takes whatever has arrived, up to 256 KB, in one call.
// A read returns as soon as anything has arrived (IDLE's notices are not held back), and writes go
// straight to the socket: BufferedStream cannot be used, as it refuses a write while it holds unread
// input from a stream that cannot seek, which is every pipelined command and every DONE after IDLE.
//
// It also keeps the timeouts MailKit sets on the stream it is given. A socket's own timeouts bind
// only synchronous calls, and MailKit's asynchronous ones would otherwise wait for ever on a
// connection that died silently (MailKit's own network stream bounds each call the same way; during
// IDLE MailKit sets the read timeout to infinite, so it is read again for every call).
internal sealed class ReadAheadStream(NetworkStream network, TimeProvider? clock = null) : Stream
{
    // Real time unless a test says otherwise: these are the network's timeouts, not the campaign's
    // clock (a worker run on a simulated clock must not time its connections out by it).
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private const int Capacity = 1 << 18;
    private readonly byte[] _buffer = new byte[Capacity];
    private int _start;
    private int _end;
    private int _readTimeout = Timeout.Infinite;
    private int _writeTimeout = Timeout.Infinite;

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
                return await ReceiveAsync(destination, cancellationToken);
            _start = _end = 0;
            _end = await ReceiveAsync(_buffer, cancellationToken);
        }
        return Take(destination.Span);
    }

    private ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken cancellationToken) =>
        BoundedAsync(_readTimeout, "the mail server sent nothing", bounded => network.ReadAsync(into, bounded), cancellationToken);

    // One socket call bounded by timeout (ms, or infinite: MailKit sets it so during IDLE; the
    // socket's setters reject anything else below 1). Past it the connection is closed, as MailKit's
    // own network stream does, and MailKit gets a TimeoutException.
    private async ValueTask<T> BoundedAsync<T>(int timeout, string silence, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.Infinite)
            return await call(cancellationToken);
        using var timer = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeout), _clock);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await call(bounded.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            network.Dispose();
            throw new TimeoutException($"{silence} for {timeout} ms");
        }
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

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        await BoundedAsync(_writeTimeout, "the mail server took nothing", async bounded =>
        {
            await network.WriteAsync(buffer, bounded);
            return 0;
        }, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => network.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => network.FlushAsync(cancellationToken);

    // The socket keeps them too, for the synchronous calls.
    public override bool CanTimeout => true;

    public override int ReadTimeout
    {
        get => _readTimeout;
        set
        {
            network.ReadTimeout = value;
            _readTimeout = value;
        }
    }

    public override int WriteTimeout
    {
        get => _writeTimeout;
        set
        {
            network.WriteTimeout = value;
            _writeTimeout = value;
        }
    }

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
