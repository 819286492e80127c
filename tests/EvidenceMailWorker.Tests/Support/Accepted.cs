using Dapper;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Tests.Support;

public static class Accepted
{
    // Waits for an event (the accepted count reaching its value); the deadline only stops a hung test.
    public static async Task WaitForAsync(Database database, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            await using (var connection = await database.OpenAsync(CancellationToken.None))
                if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE status = 'accepted'") >= count)
                    return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"fewer than {count} messages accepted");
            await Task.Delay(100);
        }
    }
}
