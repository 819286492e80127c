using System.IO.Compression;

namespace EvidenceMailWorker.Reports.Export;

// Where a package is written: a folder or a zip. Either way the work happens under a ".part" name
// and only Commit gives it the final name, so a failure half-way never leaves a package that looks
// complete. One entry is open at a time (a zip cannot do more).
public interface IPackageTarget : IDisposable
{
    Stream Create(string packagePath);
    void Commit();
}

public static class PackageTargets
{
    public static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    // Exporting twice to the same place is refused unless forced: the office would otherwise mix
    // two packages without noticing.
    public static bool IsOccupied(string path) =>
        File.Exists(path) || (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any());

    public static IPackageTarget Open(string path) => IsZip(path) ? new ZipTarget(path) : new FolderTarget(path);
}

public sealed class FolderTarget : IPackageTarget
{
    private readonly string _final;
    private readonly string _part;
    private bool _committed;

    public FolderTarget(string path)
    {
        _final = Path.GetFullPath(path);
        _part = _final.TrimEnd(Path.DirectorySeparatorChar) + ".part";
        if (Directory.Exists(_part))
            Directory.Delete(_part, recursive: true);
        Directory.CreateDirectory(_part);
    }

    public Stream Create(string packagePath)
    {
        var full = Path.Combine(_part, packagePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.SequentialScan);
    }

    public void Commit()
    {
        if (File.Exists(_final))
            File.Delete(_final);
        if (Directory.Exists(_final))
            Directory.Delete(_final, recursive: true);
        Directory.Move(_part, _final);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(_part))
            Directory.Delete(_part, recursive: true);
    }
}

public sealed class ZipTarget : IPackageTarget
{
    private readonly string _final;
    private readonly string _part;
    private readonly FileStream _file;
    private ZipArchive? _zip;
    private bool _committed;

    public ZipTarget(string path)
    {
        _final = Path.GetFullPath(path);
        _part = _final + ".part";
        Directory.CreateDirectory(Path.GetDirectoryName(_final)!);
        _file = new FileStream(_part, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        // Entry names are UTF-8 with the language-encoding flag set (ZipArchive does so for every
        // non-ASCII name when no encoding is forced), so Windows Explorer shows Vietnamese names.
        _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: true);
    }

    // Evidence is mostly PDF, JPEG and Office files, already compressed: storing keeps the export
    // close to copy speed.
    public Stream Create(string packagePath) =>
        _zip!.CreateEntry(packagePath, CompressionLevel.NoCompression).Open();

    public void Commit()
    {
        _zip!.Dispose();
        _zip = null;
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        File.Move(_part, _final, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed)
            return;
        try { _zip?.Dispose(); } catch (IOException) { /* the half-written zip is deleted below */ }
        _file.Dispose();
        if (File.Exists(_part))
            File.Delete(_part);
    }
}
