using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace EvidenceMailWorker.Configuration;

// Checks of the appsettings.json sections (CONTRACT §1 infrastructure table). Like the campaign
// validator it reports every problem; unlike it, it reads IConfiguration because converting the
// raw strings is itself part of what can go wrong.
public static class InfrastructureValidator
{
    // Compared exactly: other components compare these strings, and a near miss is reported
    // with the spelling to use rather than half-accepted.
    public static readonly string[] MailboxSources = ["Folder", "Imap"];
    public static readonly string[] OutboxModes = ["Folder", "Smtp"];

    public static IReadOnlyList<ConfigProblem> Validate(IConfiguration config)
    {
        var shape = new List<ConfigProblem>();
        var settings = InfrastructureSettings.Read(config, shape);
        var p = new ProblemList();
        foreach (var problem in shape) p.Add(problem.Path, problem.Message);
        Validate(settings, p);
        return p.Items;
    }

    private static void Validate(InfrastructureSettings s, ProblemList p)
    {
        CheckDatabase(s.Database, p);
        CheckMailbox(s.Mailbox, p);
        CheckOutbox(s.Outbox, p);
        CheckLinkHosts(s.Understanding, p);
        CheckHealth(s.Health, p);
        foreach (var problem in Templates.EmailTemplates.Check(s.Templates.ResolvedFolder))
            p.Add("Templates.Folder", $"{problem.File} {problem.Message}");

        if (s.Receipts.QuietSeconds < 0)
            p.Add("Receipts.QuietSeconds", $"'{s.Receipts.QuietSeconds}' is negative; use 0 or more seconds");
        Positive("Limits.MaxMessageBytes", s.Limits.MaxMessageBytes, p);
        Positive("Limits.MaxArchiveExpandedBytes", s.Limits.MaxArchiveExpandedBytes, p);
        Positive("Limits.MaxArchiveEntries", s.Limits.MaxArchiveEntries, p);
        // 0 is meaningful: attach archives as they are, without expanding them.
        if (s.Limits.MaxArchiveDepth < 0)
            p.Add("Limits.MaxArchiveDepth", $"'{s.Limits.MaxArchiveDepth}' is negative; use 0 or more levels");
    }

    private static void CheckDatabase(DatabaseOptions d, ProblemList p)
    {
        var cs = d.ConnectionString;
        if (d.Provider == DatabaseProvider.Postgres)
        {
            if (p.Required("Database.ConnectionString", cs, "a connection string for Postgres (e.g. 'Host=localhost;Database=evidence;Username=evidence')"))
                ConnectionString("Database.ConnectionString", () => _ = new NpgsqlConnectionStringBuilder(cs), p);
        }
        else if (!string.IsNullOrWhiteSpace(cs))
        {
            ConnectionString("Database.ConnectionString", () => _ = new SqliteConnectionStringBuilder(cs), p);
        }
    }

    private static void ConnectionString(string path, Action parse, ProblemList p)
    {
        try
        {
            parse();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // The value itself may hold a password, so only the parser's complaint is shown.
            p.Add(path, $"is not a valid connection string: {ex.Message}");
        }
    }

    private static void CheckMailbox(MailboxOptions m, ProblemList p)
    {
        if (!MailboxSources.Contains(m.Source, StringComparer.Ordinal))
            p.Add("Mailbox.Source", $"'{m.Source}' is not a mailbox source; use 'Folder' or 'Imap'");
        Port("Mailbox.Port", m.Port, p);
        if (m.PollSeconds < 5)
            p.Add("Mailbox.PollSeconds", $"'{m.PollSeconds}' is too short; poll every 5 seconds or more");

        if (m.Source != "Imap") return;
        p.Required("Mailbox.Host", m.Host, "the IMAP server's host name");
        p.Required("Mailbox.Username", m.Username, "the IMAP user name");
        p.Required("Mailbox.ImapFolder", m.ImapFolder, "the IMAP folder to watch");
        var hasOAuth = !string.IsNullOrWhiteSpace(m.OAuth2.ClientId) && !string.IsNullOrWhiteSpace(m.OAuth2.RefreshToken);
        if (string.IsNullOrEmpty(m.Password) && !hasOAuth)
            p.Add("Mailbox.Password", "IMAP needs either a password (EVIDENCEMAIL_Mailbox__Password) or OAuth2 ClientId and RefreshToken (EVIDENCEMAIL_Mailbox__OAuth2__ClientId, ..._RefreshToken)");
        if (hasOAuth)
            p.Required("Mailbox.OAuth2.TokenEndpoint", m.OAuth2.TokenEndpoint, "the OAuth2 token endpoint");
    }

    private static void CheckOutbox(OutboxOptions o, ProblemList p)
    {
        if (!OutboxModes.Contains(o.Mode, StringComparer.Ordinal))
            p.Add("Outbox.Mode", $"'{o.Mode}' is not an outbox mode; use 'Folder' or 'Smtp'");
        Port("Outbox.Port", o.Port, p);
        p.Email("Outbox.From", o.From, required: false);
        if (p.Required("Outbox.MessageIdDomain", o.MessageIdDomain, "a domain for the worker's Message-IDs") &&
            !EmailAddressRule.IsWellFormed($"worker@{o.MessageIdDomain}"))
            p.Add("Outbox.MessageIdDomain", $"'{o.MessageIdDomain}' is not a domain name");

        if (o.Mode == "Smtp")
        {
            p.Required("Outbox.Host", o.Host, "the SMTP server's host name");
            // No user name is a local relay that needs no login; a user name needs a secret.
            var hasOAuth = !string.IsNullOrWhiteSpace(o.OAuth2.ClientId) && !string.IsNullOrWhiteSpace(o.OAuth2.RefreshToken);
            if (!string.IsNullOrWhiteSpace(o.Username) && string.IsNullOrEmpty(o.Password) && !hasOAuth)
                p.Add("Outbox.Password", "SMTP with a Username needs a password (EVIDENCEMAIL_Outbox__Password) or OAuth2 ClientId and RefreshToken (EVIDENCEMAIL_Outbox__OAuth2__ClientId, ..._RefreshToken)");
        }
    }

    private static void CheckHealth(HealthOptions h, ProblemList p)
    {
        if (h.MailboxStaleMinutes < 1)
            p.Add("Health.MailboxStaleMinutes", $"'{h.MailboxStaleMinutes}' is too short; use 1 minute or more (the IDLE refresh is 9 minutes, so 30 is a good value)");
        if (string.IsNullOrWhiteSpace(h.Url))
            return;
        // An explicit port and no path: Kestrel binds exactly this address, and /healthz is the one path served.
        if (!System.Text.RegularExpressions.Regex.IsMatch(h.Url, @"^http://[^/?#]+:[0-9]{1,5}/?$") || !Uri.TryCreate(h.Url, UriKind.Absolute, out var url))
        {
            p.Add("Health.Url", $"'{h.Url}' is not an address to listen on; use http://127.0.0.1:PORT (http, an explicit port, no path)");
            return;
        }
        if (!url.IsLoopback && !h.AllowRemote)
            p.Add("Health.Url", $"'{h.Url}' is reachable from other machines; use http://127.0.0.1:{url.Port}, or set Health:AllowRemote=true if that is meant (the status it shows is not secret-free)");
    }

    private static void Port(string path, int port, ProblemList p)
    {
        if (port is < 1 or > 65535)
            p.Add(path, $"'{port}' is not a port number (1-65535)");
    }

    private static void Positive(string path, long value, ProblemList p)
    {
        if (value <= 0)
            p.Add(path, $"'{value}' must be more than 0");
    }

    // A host is compared with the URL's host name, so a scheme, a path or a port can never match.
    private static void CheckLinkHosts(UnderstandingOptions u, ProblemList p)
    {
        for (var i = 0; i < u.LinkHosts.Count; i++)
        {
            var host = u.LinkHosts[i];
            var path = $"Understanding.LinkHosts[{i}]";
            if (string.IsNullOrWhiteSpace(host))
                p.Add(path, "is empty; remove it or write a host name such as 'photos.google.com'");
            else if (Uri.CheckHostName(host) != UriHostNameType.Dns || host.Contains('/'))
                p.Add(path, $"'{host}' is not a host name; write only the host, e.g. 'photos.google.com' (no 'https://', no path)");
        }
    }
}
