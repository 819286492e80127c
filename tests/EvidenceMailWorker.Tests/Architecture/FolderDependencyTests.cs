using ArchUnitNET.Domain;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace EvidenceMailWorker.Tests.Architecture;

// The folders of src/EvidenceMailWorker (one namespace each) must depend on each other in one
// direction only, and the pure rules (Core, Text, Understanding) must not reach the edges
// (storage, mail, hosting, the command line): they are what the receipts explain and the tests
// exercise without any infrastructure.
public sealed class FolderDependencyTests
{
    private static readonly ArchUnitNET.Domain.Architecture Product =
        new ArchLoader().LoadAssemblies(typeof(EvidenceMailWorker.Core.MessageStatus).Assembly).Build();

    private static readonly string[] Edges = ["Storage", "Ingestion", "Receipts", "Outbound", "Hosting", "Cli", "Auth"];

    [Fact]
    public void Folders_are_free_of_cycles() =>
        SliceRuleDefinition.Slices().Matching("EvidenceMailWorker.(*)").Should().BeFreeOfCycles().Check(Product);

    [Theory]
    [InlineData("Core")]
    [InlineData("Text")]
    [InlineData("Understanding")]
    public void The_pure_rules_do_not_reference_an_edge(string core)
    {
        foreach (var edge in Edges)
            Types().That().ResideInNamespace($"EvidenceMailWorker.{core}")
                .Should().NotDependOnAny(Types().That().ResideInNamespace($"EvidenceMailWorker.{edge}"))
                .Check(Product);
    }
}
