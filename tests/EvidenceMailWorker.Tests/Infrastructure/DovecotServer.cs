using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace EvidenceMailWorker.Tests.Infrastructure;

/// <summary>
/// A throw-away Dovecot IMAP server on 127.0.0.1: config, passwd-file, logs and Maildirs in one
/// temp folder. <see cref="Shared"/> serves most tests (each gets its own user, so mailboxes are
/// isolated); a test that stops or restarts the server starts its own with <see cref="Start"/>.
/// The master must run as root; mail is stored as the system user <c>mail</c> (uid/gid 8).
/// </summary>
public sealed class DovecotServer : IDisposable
{
    private const int MailUid = 8;
    private static readonly Lazy<DovecotServer> LazyShared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock _gate = new();
    private bool _disposed;

    private DovecotServer(string root, int port)
    {
        Root = root;
        Port = port;
    }

    public static DovecotServer Shared => LazyShared.Value;

    public string Root { get; }
    public int Port { get; }
    public string ConfigPath => Path.Combine(Root, "dovecot.conf");
    public string LogPath => Path.Combine(Root, "dovecot.log");
    private string PasswdPath => Path.Combine(Root, "passwd");

    public static DovecotServer Start()
    {
        var binary = FindDovecot();
        if (Environment.UserName != "root")
            throw new InvalidOperationException("The IMAP tests start Dovecot, whose master process must run as root; run the tests as root (CI does).");
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Under /tmp with mode 755: Dovecot's own users must be able to enter every parent.
            var root = Path.Combine("/tmp", $"evidencemail-dovecot-{Guid.NewGuid():N}"[..40]);
            Directory.CreateDirectory(root);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);
            var server = new DovecotServer(root, FreePort());
            try
            {
                server.WriteConfig();
                server.StartProcess(binary);
                server.StartWatchdog();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
                return server;
            }
            catch (Exception e)
            {
                last = new InvalidOperationException($"{e.Message}\n--- dovecot.log ---\n{server.ReadLog()}", e);
                server.Dispose();
            }
        }
        throw new InvalidOperationException("Could not start a test Dovecot after 3 attempts.", last);
    }

    /// <summary>A new user with an empty INBOX; tests never share a mailbox.</summary>
    public DovecotUser CreateUser()
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..12];
        var password = "pw-" + Guid.NewGuid().ToString("N")[..8];
        var home = Path.Combine(Root, "mail", name);
        Directory.CreateDirectory(home);
        ExternalCommand.Run("chown", ["-R", $"{MailUid}:{MailUid}", Path.Combine(Root, "mail")]);
        lock (_gate)
            File.AppendAllText(PasswdPath, $"{name}:{{PLAIN}}{password}:{MailUid}:{MailUid}::{home}::\n");
        // Dovecot re-reads the passwd-file at most once a second: wait until it knows the user.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!ExternalCommand.Run("doveadm", ["-c", ConfigPath, "user", name], allowFailure: true).Contains("uid", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            Thread.Sleep(100);
        return new DovecotUser(this, name, password, Path.Combine(home, "Maildir"));
    }

    public void Stop()
    {
        var pidFile = Path.Combine(Root, "run", "master.pid");
        if (!File.Exists(pidFile))
            return;
        var pid = File.ReadAllText(pidFile).Trim();
        ExternalCommand.Run("doveadm", ["-c", ConfigPath, "stop"], allowFailure: true);
        // doveadm stop returns before the master has exited and released the port.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
            Thread.Sleep(50);
    }

    public void Restart()
    {
        Stop();
        StartProcess(FindDovecot());
    }

    public string Doveadm(params string[] args) => ExternalCommand.Run("doveadm", ["-c", ConfigPath, .. args]);

    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        try
        {
            Stop();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"DovecotServer: stop failed: {e.Message}");
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"DovecotServer: could not delete {Root}: {e.Message}");
        }
    }

    private void WriteConfig()
    {
        Directory.CreateDirectory(Path.Combine(Root, "run"));
        Directory.CreateDirectory(Path.Combine(Root, "state"));
        Directory.CreateDirectory(Path.Combine(Root, "mail"));
        File.WriteAllText(PasswdPath, "");
        File.WriteAllText(ConfigPath, $$"""
            base_dir = {{Root}}/run
            state_dir = {{Root}}/state
            log_path = {{LogPath}}
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            # One log line per failed login: the tests count them.
            auth_verbose = yes
            first_valid_uid = {{MailUid}}
            first_valid_gid = {{MailUid}}
            mail_location = maildir:~/Maildir
            passdb {
              driver = passwd-file
              args = scheme=PLAIN {{PasswdPath}}
            }
            userdb {
              driver = passwd-file
              args = {{PasswdPath}}
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """);
    }

    private void StartProcess(string binary)
    {
        // The daemon would inherit (and hold open forever) redirected pipes: its start-up output goes to a file.
        var startLog = Path.Combine(Root, "start.out");
        try
        {
            ExternalCommand.Run("/bin/sh", ["-c", $"exec '{binary}' -c '{ConfigPath}' </dev/null >'{startLog}' 2>&1"]);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message}\n{(File.Exists(startLog) ? File.ReadAllText(startLog) : "")}", e);
        }
        // The master daemonises at once; wait until the login service accepts connections.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    // Stops the server and removes its folder when the test host dies without disposing it.
    private void StartWatchdog()
    {
        var pidFile = Path.Combine(Root, "run", "master.pid");
        var script =
            "exec </dev/null >/dev/null 2>&1; " +
            $"( while kill -0 {Environment.ProcessId} 2>/dev/null && [ -d '{Root}' ]; do sleep 0.5; done; " +
            $"if [ -d '{Root}' ]; then [ -f '{pidFile}' ] && kill $(cat '{pidFile}'); sleep 1; rm -rf '{Root}'; fi ) &";
        var psi = new ProcessStartInfo("setsid", ["/bin/sh", "-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        process.WaitForExit(10_000);
    }

    private static string FindDovecot()
    {
        foreach (var candidate in new[] { "/usr/sbin/dovecot", "/usr/local/sbin/dovecot" })
            if (File.Exists(candidate))
                return candidate;
        throw new InvalidOperationException(
            """
            Dovecot is required by the IMAP tests and was not found (/usr/sbin/dovecot).
            Install it: sudo apt-get install -y dovecot-imapd dovecot-lmtpd   (tests/run.sh does this when run as root)
            """);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

}

/// <summary>One mailbox on a <see cref="DovecotServer"/>.</summary>
public sealed record DovecotUser(DovecotServer Server, string Name, string Password, string Maildir)
{
    /// <summary>A second, independent client (another person's mail program) logged in to this user.</summary>
    public async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Server.Port, SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(Name, Password, cancellationToken);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        return client;
    }

    /// <summary>Appends messages to INBOX, as delivery would.</summary>
    public async Task AppendAsync(IEnumerable<MimeKit.MimeMessage> messages, MessageFlags flags = MessageFlags.None, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken);
        foreach (var message in messages)
            await client.Inbox.AppendAsync(new AppendRequest(message, flags, message.Date), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Failed logins for this user, from Dovecot's own log (auth_verbose).</summary>
    public int FailedLogins() =>
        Server.ReadLog().Split('\n').Count(line => line.Contains($"({Name},", StringComparison.Ordinal) &&
            line.Contains("Password mismatch", StringComparison.Ordinal));

    public void Kick() => Server.Doveadm("kick", Name);

    public void SetUidValidity(uint value) => Server.Doveadm("mailbox", "update", "-u", Name, "--uid-validity", value.ToString(System.Globalization.CultureInfo.InvariantCulture), "INBOX");
}
