using System.Net;
using System.Net.Sockets;
using EvidenceMailWorker.Ingestion.Imap;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace EvidenceMailWorker.Tests.Imap;

// The buffer under MailKit's connection, over a real loopback TCP connection.
public sealed class ReadAheadStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private Socket _server = null!;
    private ReadAheadStream _client = null!;

    public async Task InitializeAsync()
    {
        _listener.Start();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var accepting = _listener.AcceptSocketAsync();
        await socket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        _server = await accepting;
        _client = new ReadAheadStream(new NetworkStream(socket, ownsSocket: true));
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        _listener.Stop();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_read_returns_what_has_arrived_without_waiting_for_a_full_buffer()
    {
        // An IDLE notice is a few bytes with nothing after it; holding it back would delay ingestion.
        await _server.SendAsync("* 3 EXISTS\r\n"u8.ToArray());

        var buffer = new byte[4096];
        var read = await _client.ReadAsync(buffer).AsTask().WaitAsync(Patience);

        Assert.Equal("* 3 EXISTS\r\n", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
    }

    [Fact]
    public async Task Everything_sent_is_read_in_order_in_small_reads()
    {
        var sent = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 31 + (i >> 12))).ToArray();
        var sending = _server.SendAsync(sent);

        var received = new MemoryStream();
        var buffer = new byte[4096];
        while (received.Length < sent.Length)
        {
            var read = await _client.ReadAsync(buffer).AsTask().WaitAsync(Patience);
            Assert.NotEqual(0, read);
            received.Write(buffer, 0, read);
        }
        await sending;

        Assert.Equal(sent, received.ToArray());
    }

    [Fact]
    public async Task A_command_can_be_written_while_unread_input_is_buffered()
    {
        // Pipelined commands and DONE after IDLE are written while the server's answers are still
        // unread; a BufferedStream refuses exactly that on a socket.
        await _server.SendAsync(new byte[100_000]);
        var first = new byte[10];
        await _client.ReadExactlyAsync(first).AsTask().WaitAsync(Patience);

        await _client.WriteAsync("DONE\r\n"u8.ToArray());
        await _client.FlushAsync();
        var answer = new byte[6];
        var got = 0;
        while (got < answer.Length)
            got += await _server.ReceiveAsync(answer.AsMemory(got)).AsTask().WaitAsync(Patience);

        Assert.Equal("DONE\r\n", System.Text.Encoding.ASCII.GetString(answer));
        var rest = new byte[100_000 - 10];
        await _client.ReadExactlyAsync(rest).AsTask().WaitAsync(Patience);
        Assert.All(rest, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_server_that_goes_silent_is_a_timeout_not_a_wait_for_ever()
    {
        // A connection dropped without a reset (a NAT's idle timer) sends nothing more; MailKit's
        // asynchronous reads must still end, so the worker reconnects.
        _client.ReadTimeout = 300;

        var reading = _client.ReadAsync(new byte[4096]).AsTask();

        // The read's own timeout, not the test's patience running out (also a TimeoutException).
        var error = await Assert.ThrowsAsync<TimeoutException>(() => reading.WaitAsync(Patience));
        Assert.Contains("sent nothing for 300 ms", error.Message);
    }

    [Fact]
    public async Task A_server_that_takes_nothing_is_a_write_timeout()
    {
        _client.WriteTimeout = 300;
        var chunk = new byte[1 << 20];

        // The server never reads: once the socket buffers are full a write cannot complete.
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 512; i++)
                await _client.WriteAsync(chunk);
        });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => writing.WaitAsync(Patience));
        Assert.Contains("took nothing for 300 ms", error.Message);
    }

    [Fact]
    public async Task With_the_timeout_set_to_infinite_as_during_IDLE_a_quiet_connection_is_kept()
    {
        var clock = new FakeTimeProvider();
        using var client = await ConnectAsync(clock);
        client.Stream.ReadTimeout = 300;
        client.Stream.ReadTimeout = Timeout.Infinite;
        var buffer = new byte[4096];
        var reading = client.Stream.ReadAsync(buffer).AsTask();

        // An hour of quiet, far past the earlier timeout: had it still been armed, it would have
        // fired here and the read would end in a TimeoutException instead of the notice below.
        clock.Advance(TimeSpan.FromHours(1));
        await client.Server.SendAsync("* 4 EXISTS\r\n"u8.ToArray());
        var read = await reading.WaitAsync(Patience);

        Assert.Equal("* 4 EXISTS\r\n", System.Text.Encoding.ASCII.GetString(buffer, 0, read));
    }

    // A second connection whose timeouts run on the given clock.
    private async Task<Connection> ConnectAsync(TimeProvider clock)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var accepting = _listener.AcceptSocketAsync();
        await socket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        return new Connection(new ReadAheadStream(new NetworkStream(socket, ownsSocket: true), clock), await accepting);
    }

    private sealed record Connection(ReadAheadStream Stream, Socket Server) : IDisposable
    {
        public void Dispose()
        {
            Stream.Dispose();
            Server.Dispose();
        }
    }
}
