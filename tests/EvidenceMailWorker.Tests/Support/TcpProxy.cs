using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EvidenceMailWorker.Tests.Support;

// A loopback TCP forwarder in front of a real server, to cut it off and bring it back without
// stopping it: Down() resets every open connection and refuses new ones (counting them) until Up().
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _open = new();
    private readonly Task _accepting;
    private volatile bool _down;
    private int _refused;
    private long _stallAfter = long.MaxValue;
    private long _relayed;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Refused => Volatile.Read(ref _refused);

    public void Down()
    {
        _down = true;
        foreach (var (client, server) in _open)
        {
            client.Client.LingerState = new LingerOption(true, 0); // RST, as a dead host's kernel would answer
            client.Dispose();
            server.Dispose();
        }
        _open.Clear();
    }

    public void Up()
    {
        Interlocked.Exchange(ref _stallAfter, long.MaxValue);
        _down = false;
    }

    // Stops relaying server → client once this many more bytes have gone through (mid-response,
    // e.g. inside a FETCH): Stalled completes then, and the connection hangs until Down().
    public Task StallAfter(long bytes)
    {
        Interlocked.Exchange(ref _stallAfter, Interlocked.Read(ref _relayed) + bytes);
        return _stalled.Task;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (_down)
            {
                Interlocked.Increment(ref _refused);
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            _open[client] = server;
            // Down() may have run while this connection was being made (it only closes what is in
            // _open): a connection must not outlive the outage it was accepted just before.
            if (_down)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                return;
            }
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = client.GetStream().CopyToAsync(server.GetStream(), done.Token);
            var downstream = RelayDownAsync(server.GetStream(), client.GetStream(), done.Token);
            await Task.WhenAny(up, downstream);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    private async Task RelayDownAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var allowed = Math.Max(0, Math.Min(read, Interlocked.Read(ref _stallAfter) - Interlocked.Read(ref _relayed)));
            await to.WriteAsync(buffer.AsMemory(0, (int)allowed), cancellationToken);
            Interlocked.Add(ref _relayed, allowed);
            if (allowed < read)
            {
                _stalled.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken); // until Down() or disposal ends the connection
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Down();
        await _accepting;
        _stop.Dispose();
    }
}
