namespace EvidenceMailWorker.Tests.Support;

public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Config => System.IO.Path.Combine(Path, "config");

    public static string CorporaFolder => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", "corpora"));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EvidenceMailWorker.sln")))
                return dir.FullName;
        throw new InvalidOperationException("EvidenceMailWorker.sln not found above " + AppContext.BaseDirectory);
    }
}
