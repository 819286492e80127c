using Xunit;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Tests.Configuration;

internal static class ProblemAssert
{
    // Exactly one problem is expected: a check that also fires elsewhere would be noise for admins.
    public static ConfigProblem Single(IReadOnlyList<ConfigProblem> problems, string path, string messagePart)
    {
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(messagePart, problem.Message);
        return problem;
    }

    public static void Has(IReadOnlyList<ConfigProblem> problems, string path, string messagePart) =>
        Assert.True(
            problems.Any(p => p.Path == path && p.Message.Contains(messagePart, StringComparison.Ordinal)),
            $"expected a problem at {path} containing \"{messagePart}\"; got:\n" + string.Join("\n", problems));
}
