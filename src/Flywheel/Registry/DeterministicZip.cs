using System.IO.Compression;

namespace Flywheel.Registry;

/// <summary>
/// Rewrites a zip so that equal content gives equal bytes: ML.NET stamps every entry with the time of saving,
/// which would give the same training a new package id each time. Entries keep their names and order; their
/// dates are set to 1980-01-01, the earliest a zip can hold.
/// </summary>
internal static class DeterministicZip
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Normalize(byte[] zip)
    {
        using var input = OpenArchive(zip);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var copy = archive.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedTime;
                using var source = entry.Open();
                using var target = copy.Open();
                source.CopyTo(target);
            }
        }
        return output.ToArray();
    }

    private static ZipArchive OpenArchive(byte[] zip)
    {
        try
        {
            return new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        }
        catch (InvalidDataException error)
        {
            throw new ArgumentException("The model bytes are not a zip file as ML.NET saves models.", nameof(zip), error);
        }
    }
}
