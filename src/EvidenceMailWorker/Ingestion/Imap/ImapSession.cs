using MailKit;
using MailKit.Net.Imap;

namespace EvidenceMailWorker.Ingestion.Imap;

// One authenticated connection with the watched folder open.
public sealed class ImapSession(ImapClient client, IMailFolder folder, string account, string label) : IDisposable
{
    public ImapClient Client { get; } = client;
    public IMailFolder Folder { get; } = folder;
    // The checkpoint key: user@host, so two accounts on one server never share a position.
    public string Account { get; } = account;
    // Empty: the worker changes nothing in the mailbox (and opened the folder read-only).
    public string Label { get; } = label;

    public bool SupportsIdle => Client.Capabilities.HasFlag(ImapCapabilities.Idle);
    public bool IsGmail => Client.Capabilities.HasFlag(ImapCapabilities.GMailExt1);

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (Client.IsConnected)
            await Client.DisconnectAsync(quit: true, cancellationToken);
    }

    public void Dispose() => Client.Dispose();
}
