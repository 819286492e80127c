using MimeKit;
using MimeKit.Utils;

namespace EvidenceMailWorker.Core;

// CONTRACT §4 "Received time" for files: the topmost Received: header's date (what our side of the
// wire saw), else Date: (what the sender's clock said), else the moment of ingestion.
public static class ReceivedTime
{
    public static DateTimeOffset Determine(HeaderList headers, DateTimeOffset? serverInternalDate, DateTimeOffset ingestedAt)
    {
        if (serverInternalDate is { } internalDate)
            return internalDate;
        var received = headers[HeaderId.Received];
        if (received is not null)
        {
            var semicolon = received.LastIndexOf(';');
            if (semicolon >= 0 && DateUtils.TryParse(received[(semicolon + 1)..].Trim(), out var date))
                return date;
        }
        var dateHeader = headers[HeaderId.Date];
        if (dateHeader is not null && DateUtils.TryParse(dateHeader, out var sent))
            return sent;
        return ingestedAt;
    }
}
