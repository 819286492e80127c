namespace EvidenceMailWorker.Configuration;

// Sections of config/appsettings.json (CONTRACT §1, infrastructure table).
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public string DataDirectory { get; set; } = "./data";
}

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    // Empty means "the SQLite file in the data directory".
    public string ConnectionString { get; set; } = "";
}

public enum MailSecurity { SslOnConnect, StartTls, None }

public sealed class OAuth2Options
{
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string RefreshToken { get; set; } = "";
    public string TokenEndpoint { get; set; } = "https://oauth2.googleapis.com/token";
}

public sealed class MailboxOptions
{
    public const string Section = "Mailbox";
    public string Source { get; set; } = "Folder";
    public string Folder { get; set; } = "";
    public string Host { get; set; } = "imap.gmail.com";
    public int Port { get; set; } = 993;
    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public OAuth2Options OAuth2 { get; set; } = new();
    public string ImapFolder { get; set; } = "INBOX";
    public string Label { get; set; } = "EvidenceWorker";
    public int PollSeconds { get; set; } = 60;
    public string TrustedAuthServId { get; set; } = "mx.google.com";
}

public sealed class OutboxOptions
{
    public const string Section = "Outbox";
    public string Mode { get; set; } = "Folder";
    public string Folder { get; set; } = "";
    public string Host { get; set; } = "smtp.gmail.com";
    public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    // XOAUTH2 instead of a password (Gmail): the access token is fetched from the refresh token.
    public OAuth2Options OAuth2 { get; set; } = new();
    public string From { get; set; } = "";
    // Domain of the Message-IDs the worker writes; mail carrying it is the worker's own (CONTRACT §4).
    public string MessageIdDomain { get; set; } = "evidencemailworker.invalid";
}

public sealed class ReceiptsOptions
{
    public const string Section = "Receipts";
    public int QuietSeconds { get; set; } = 120;
}

public sealed class LimitsOptions
{
    public const string Section = "Limits";
    public long MaxMessageBytes { get; set; } = 50L * 1024 * 1024;
    public long MaxArchiveExpandedBytes { get; set; } = 500L * 1024 * 1024;
    public int MaxArchiveEntries { get; set; } = 5000;
    // An archive inside an archive inside ... is expanded this many levels deep, no further.
    public int MaxArchiveDepth { get; set; } = 3;
}

public sealed class HealthOptions
{
    public const string Section = "Health";

    // Empty: no HTTP endpoint at all (the default). Otherwise the one address Kestrel listens on for
    // GET /healthz, e.g. http://127.0.0.1:8080; a host other than a loopback one needs AllowRemote.
    public string Url { get; set; } = "";

    // An address outside this machine exposes the worker's status (mail counts, addresses of the
    // mailbox) to whoever can reach it; it must be asked for.
    public bool AllowRemote { get; set; }

    // No contact with the mailbox for longer than this is unhealthy. A watched mailbox is contacted at
    // least every 9 minutes (the IDLE refresh) or every Mailbox:PollSeconds.
    public int MailboxStaleMinutes { get; set; } = 30;
}

public sealed class UnderstandingOptions
{
    public const string Section = "Understanding";

    // CONTRACT §4 Links: the document stores whose URLs count as evidence. Setting the key replaces
    // the whole list (the configuration binder would otherwise append to a pre-filled one), so a
    // district adding a host copies this list and adds to it.
    public static readonly IReadOnlyList<string> DefaultLinkHosts =
    [
        "drive.google.com", "docs.google.com",
        "onedrive.live.com", "1drv.ms", "sharepoint.com",
        "dropbox.com", "db.tt",
        "zalo.me", "zalo.vn",
        "facebook.com", "fb.com", "fb.watch", "fb.me",
    ];

    public List<string> LinkHosts { get; set; } = [];

    public IReadOnlyList<string> EffectiveLinkHosts => LinkHosts.Count > 0 ? LinkHosts : DefaultLinkHosts;
}

public sealed class TemplatesOptions
{
    public const string Section = "Templates";

    // The email templates (CONTRACT-extension): by default the `templates` folder of the config
    // folder in use, so `--config-dir` brings its own wording.
    public string Folder { get; set; } = "";

    // Empty (a configuration built without the loader, or a key set to ""): the templates shipped
    // beside the executable.
    public string ResolvedFolder => string.IsNullOrWhiteSpace(Folder)
        ? Path.Combine(AppContext.BaseDirectory, ConfigurationLoader.ConfigFolderName, ConfigurationLoader.TemplatesFolderName)
        : Folder;
}
