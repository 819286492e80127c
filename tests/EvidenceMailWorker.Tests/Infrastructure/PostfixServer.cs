using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace EvidenceMailWorker.Tests.Infrastructure;

/// <summary>
/// A real Postfix on 127.0.0.1 (a free port) that accepts mail for any address and delivers it,
/// with its own virtual(8) agent, into one Maildir that tests read back. Chosen over Smtp4dev
/// because it is the MTA class the worker meets in production (real queueing, header handling,
/// 8BITMIME/SMTPUTF8 negotiation), it is a Debian package CI installs like PostgreSQL and Dovecot,
/// and it starts in about a second with no .NET tool manifest. Mail is found by Message-ID,
/// so tests sharing one server never read each other's mail.
/// </summary>
/// <remarks>Needs root (Postfix's master) and the `postfix` package; tests/run.sh installs it.</remarks>
public sealed class PostfixServer : IDisposable
{
    private const string PostfixBinary = "/usr/sbin/postfix";
    private const int MailUid = 8; // Debian's `mail` user owns the Maildir; virtual(8) refuses root.
    private static readonly Lazy<PostfixServer> LazyShared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _root;
    private bool _running;

    private PostfixServer(string root, int port)
    {
        _root = root;
        Port = port;
    }

    /// <summary>One server for the whole test run.</summary>
    public static PostfixServer Shared => LazyShared.Value;

    public int Port { get; }

    public string Host => "127.0.0.1";

    private string ConfigDir => Path.Combine(_root, "etc");

    private string Maildir => Path.Combine(_root, "mail", "inbox");

    public static PostfixServer Start()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("the Postfix test server runs on Linux only");
        if (!File.Exists(PostfixBinary))
            throw new InvalidOperationException(
                "Postfix is required by the SMTP tests and is not installed. Run tests/run.sh as root (it installs it), or: " +
                "echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections && apt-get install -y postfix");
        var root = Path.Combine("/tmp", $"evidencemail-smtp-{Environment.ProcessId}-{Guid.NewGuid():N}"[..46]);
        var server = new PostfixServer(root, FreePort());
        server.WriteConfiguration();
        server.Run("start");
        server._running = true;
        server.StartWatchdog();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        server.WaitUntilListening(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>Every delivered message carrying this Message-ID (with or without angle brackets).</summary>
    public IReadOnlyList<MimeMessage> Find(string messageId)
    {
        var wanted = messageId.Trim().Trim('<', '>');
        var found = new List<MimeMessage>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var path = Path.Combine(Maildir, folder);
            if (!Directory.Exists(path))
                continue;
            foreach (var file in Directory.EnumerateFiles(path))
            {
                var message = MimeMessage.Load(file);
                if (string.Equals(message.MessageId, wanted, StringComparison.Ordinal))
                    found.Add(message);
            }
        }
        return found;
    }

    /// <summary>Waits until at least one copy arrived; returns every copy (tests assert "exactly one").</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string messageId, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var found = Find(messageId);
            if (found.Count > 0 || watch.Elapsed > timeout)
                return found;
            await Task.Delay(20);
        }
    }

    /// <summary>The number of messages delivered so far, all tests together.</summary>
    public int DeliveredCount() =>
        new[] { "new", "cur" }.Select(f => Path.Combine(Maildir, f)).Where(Directory.Exists).Sum(p => Directory.EnumerateFiles(p).Count());

    public void Dispose()
    {
        if (!_running)
            return;
        _running = false;
        try
        {
            Run("stop");
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"PostfixServer: stop failed: {e.Message}");
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"PostfixServer: could not delete {_root}: {e.Message}");
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private void WriteConfiguration()
    {
        foreach (var dir in new[] { _root, ConfigDir, Path.Combine(_root, "queue"), Path.Combine(_root, "data"), Path.Combine(_root, "mail") })
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }
        ExternalCommand.Run("chown", ["postfix:postfix", Path.Combine(_root, "data")]);
        ExternalCommand.Run("chown", [$"{MailUid}:{MailUid}", Path.Combine(_root, "mail")]);

        File.WriteAllText(Path.Combine(ConfigDir, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {_root}/queue
            data_directory = {_root}/data
            command_directory = /usr/sbin
            daemon_directory = /usr/lib/postfix/sbin
            meta_directory = /etc/postfix
            shlib_directory = /usr/lib/postfix
            mail_owner = postfix
            setgid_group = postdrop
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            myhostname = smtp.test.invalid
            mydestination =
            mynetworks = 127.0.0.0/8
            smtpd_relay_restrictions = permit_mynetworks, reject
            smtputf8_enable = yes
            # Every domain is "ours" and every address lands in the one Maildir inbox/.
            virtual_mailbox_domains = static:all
            virtual_mailbox_base = {_root}/mail
            virtual_mailbox_maps = static:inbox/
            virtual_uid_maps = static:{MailUid}
            virtual_gid_maps = static:{MailUid}
            virtual_minimum_uid = {MailUid}
            maillog_file_prefixes = {_root}
            maillog_file = {_root}/maillog
            """);
        // Only what a deliver-locally server needs; no chroot (the Debian default), so no copies of /etc.
        File.WriteAllText(Path.Combine(ConfigDir, "master.cf"), $"""
            127.0.0.1:{Port} inet n - n - - smtpd
            pickup    unix  n - n 60 1 pickup
            cleanup   unix  n - n - 0 cleanup
            qmgr      unix  n - n 300 1 qmgr
            rewrite   unix  - - n - - trivial-rewrite
            bounce    unix  - - n - 0 bounce
            defer     unix  - - n - 0 bounce
            trace     unix  - - n - 0 bounce
            verify    unix  - - n - 1 verify
            flush     unix  n - n 1000? 0 flush
            proxymap  unix  - - n - - proxymap
            smtp      unix  - - n - - smtp
            relay     unix  - - n - - smtp
            showq     unix  n - n - - showq
            error     unix  - - n - - error
            retry     unix  - - n - - error
            discard   unix  - - n - - discard
            local     unix  - n n - - local
            virtual   unix  - n n - - virtual
            anvil     unix  - - n - 1 anvil
            scache    unix  - - n - 1 scache
            postlog   unix-dgram n - n - 1 postlogd
            """);
    }

    private void WaitUntilListening(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                if (reader.ReadLine()?.StartsWith("220", StringComparison.Ordinal) == true)
                    return;
            }
            catch (SocketException) when (watch.Elapsed < timeout)
            {
            }
            if (watch.Elapsed > timeout)
                throw new TimeoutException($"Postfix did not answer on 127.0.0.1:{Port} within {timeout}; see {_root}/maillog");
            Thread.Sleep(50);
        }
    }

    // The test host can be killed without running ProcessExit; this stops Postfix after it regardless.
    private void StartWatchdog()
    {
        var script =
            "exec </dev/null >/dev/null 2>&1; " +
            $"( while kill -0 {Environment.ProcessId} 2>/dev/null && [ -d '{_root}' ]; do sleep 0.5; done; " +
            $"if [ -d '{_root}' ]; then {PostfixBinary} -c '{ConfigDir}' stop; rm -rf '{_root}'; fi ) &";
        ExternalCommand.Run("setsid", ["/bin/sh", "-c", script]);
    }

    private void Run(string command) => ExternalCommand.Run(PostfixBinary, ["-c", ConfigDir, command]);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
