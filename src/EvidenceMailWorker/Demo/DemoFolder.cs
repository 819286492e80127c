using EvidenceMailWorker.Hosting;

namespace EvidenceMailWorker.Demo;

// The folder `demo --out` fills. A new or empty folder is used as it is; one an earlier demo filled
// (it carries the marker file) is emptied first, so running the demo twice gives the same folder.
// Anything else is refused: the demo never deletes files it did not make.
public static class DemoFolder
{
    public const string Marker = ".evidencemail-demo";

    // Null when the folder is ready, else why not.
    public static string? Prepare(string folder)
    {
        var ours = new[] { Marker, DataFolderLock.FileName, DataFolderLock.OwnerFileName };
        if (Directory.Exists(folder) && !File.Exists(Path.Combine(folder, Marker))
            && Directory.EnumerateFileSystemEntries(folder).Any(e => !ours.Contains(Path.GetFileName(e))))
            return $"'{folder}' is not empty and was not made by an earlier demo; choose a new or empty folder";
        using (var held = DataFolderLock.TryAcquire(folder, out var holder))
        {
            if (held is null)
                return $"a demo or worker is running on '{folder}' ({holder}); wait for it or choose another folder";
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Where(e => Path.GetFileName(e) != DataFolderLock.FileName))
            {
                if (Directory.Exists(entry))
                    Directory.Delete(entry, recursive: true);
                else
                    File.Delete(entry);
            }
            File.WriteAllText(Path.Combine(folder, Marker), "Made by `EvidenceMailWorker demo`; the next demo run into this folder replaces everything in it.\n");
        }
        return null;
    }
}
