using MimeKit;
using MimeKit.Cryptography;

namespace EvidenceMailWorker.Core;

// CONTRACT §4 "Authentication": only the topmost Authentication-Results header counts, and only when
// the receiving server we trust wrote it; anything below it may have been written by the sender.
public static class AuthenticationJudge
{
    public static bool HasFailed(HeaderList headers, string trustedAuthServId)
    {
        var index = headers.IndexOf(HeaderId.AuthenticationResults);
        if (index < 0)
            return false;
        if (!AuthenticationResults.TryParse(headers[index].RawValue, out var results))
            return false;
        if (!string.Equals(results.AuthenticationServiceIdentifier, trustedAuthServId, StringComparison.OrdinalIgnoreCase))
            return false;

        bool Is(AuthenticationMethodResult r, string method) => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase);
        bool Failed(AuthenticationMethodResult r) => r.Result.Equals("fail", StringComparison.OrdinalIgnoreCase);

        if (results.Results.Any(r => Is(r, "dmarc") && Failed(r)))
            return true;
        var spfFailed = results.Results.Any(r => Is(r, "spf") && Failed(r));
        var dkim = results.Results.Where(r => Is(r, "dkim")).ToList();
        var dkimFailed = dkim.Count > 0 && dkim.Any(Failed) && !dkim.Any(r => r.Result.Equals("pass", StringComparison.OrdinalIgnoreCase));
        return spfFailed && dkimFailed;
    }
}
