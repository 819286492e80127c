using MimeKit;

namespace EvidenceMailWorker.Configuration;

// Configured addresses are compared with the From: of incoming mail, so they must be bare
// addresses (no display name, no angle brackets) that a real mail system could deliver to.
public static class EmailAddressRule
{
    public static bool IsWellFormed(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Any(char.IsWhiteSpace)) return false;
        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@')) return false;

        var domain = address[(at + 1)..];
        if (!domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains(".."))
            return false;

        return MailboxAddress.TryParse(ParserOptions.Default, address, out var parsed) &&
               string.Equals(parsed.Address, address, StringComparison.Ordinal) &&
               string.IsNullOrEmpty(parsed.Name);
    }
}
