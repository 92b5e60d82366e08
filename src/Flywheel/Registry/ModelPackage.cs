using System.Text.Json;
using Flywheel.Storage;

namespace Flywheel.Registry;

/// <summary>An opened, verified model package. Opening recomputes the content hash, so a changed package never loads.</summary>
public sealed class ModelPackage
{
    private ModelPackage(string id, string path, ModelManifest manifest, ModelCard card, DateTimeOffset? createdAt)
    {
        Id = id;
        Path = path;
        Manifest = manifest;
        Card = card;
        CreatedAt = createdAt;
    }

    public string Id { get; }
    public string Path { get; }
    public ModelManifest Manifest { get; }
    public ModelCard Card { get; }

    /// <summary>When the package was first written; null when <c>package.json</c> is missing (the folder name gives the id).</summary>
    public DateTimeOffset? CreatedAt { get; }

    public string ModelZipPath => System.IO.Path.Combine(Path, ModelPackageWriter.ModelFileName);
    public string CardMarkdownPath => System.IO.Path.Combine(Path, ModelPackageWriter.CardMarkdownFileName);

    public Stream OpenModel() => File.OpenRead(ModelZipPath);

    /// <summary>A rule model (a plan's rule step): the package holds the rule's text, not an ML.NET model.</summary>
    public bool IsRule => Manifest.Model.File == ModelPackageWriter.RuleFileName;

    /// <summary>The rule's text of a rule model.</summary>
    public string ReadRule() => IsRule
        ? File.ReadAllText(System.IO.Path.Combine(Path, ModelPackageWriter.RuleFileName))
        : throw new InvalidOperationException("the package holds an ML.NET model, not a rule");

    /// <summary>The path of an attachment the manifest lists; an <see cref="InputException"/> naming the ones it has otherwise.</summary>
    public string AttachmentPath(string name)
    {
        if (Manifest.Attachments.Any(a => a.File == name)) return System.IO.Path.Combine(Path, name);
        var known = Manifest.Attachments.Count == 0 ? "(none)" : string.Join(", ", Manifest.Attachments.Select(a => a.File));
        throw new NotFoundException($"the model package has no attachment '{name}'; attachments: {known}", Path);
    }

    /// <summary>
    /// <see cref="Open"/>, verified once per state of the folder's files (names, sizes, last writes) in this process:
    /// for readers that show the same packages on every visit (the registry's listings and the model page). A file
    /// changed, added or removed is a new state, verified again; loading a model for serving uses <see cref="Open"/>.
    /// </summary>
    public static ModelPackage OpenKept(string folder)
    {
        var full = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(full)) return Open(folder);
        var files = new DirectoryInfo(full).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => FormattableString.Invariant($"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
        return Kept.GetOrAdd(full + "|" + string.Join('|', files), _ => Open(full));
    }

    private static readonly BoundedMemo<ModelPackage> Kept = new(128);

    /// <summary>Opens a package folder (or a file inside it) and checks that its content still hashes to its id.</summary>
    public static ModelPackage Open(string path)
    {
        var folder = System.IO.Path.GetFullPath(File.Exists(path) ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))! : path);
        var manifestPath = System.IO.Path.Combine(folder, ModelPackageWriter.ManifestFileName);
        if (!Directory.Exists(folder)) throw new NotFoundException("no such model package folder", path);
        if (!File.Exists(manifestPath)) throw new InputException($"not a model package: there is no {ModelPackageWriter.ManifestFileName}", folder);

        var seal = ReadSeal(folder);
        var expected = seal?.Id ?? (ContentHash.IsHash(System.IO.Path.GetFileName(folder)) ? System.IO.Path.GetFileName(folder) : null)
            ?? throw new InputException($"cannot verify the package: it has no {ModelPackageWriter.SealFileName} and its folder is not named by its hash", folder);
        var actual = ContentHash.OfFolder(folder, ModelPackageWriter.OutsideHash);
        if (actual != expected) throw Tampered(folder, expected, actual);
        var folderName = System.IO.Path.GetFileName(folder);
        if (ContentHash.IsHash(folderName) && folderName != expected) throw Tampered(folder, folderName, actual);
        var manifest = Read<ModelManifest>(manifestPath);

        var card = Read<ModelCard>(System.IO.Path.Combine(folder, ModelPackageWriter.CardJsonFileName));
        return new ModelPackage(expected, folder, manifest, card, seal?.CreatedAt);
    }

    private static InputException Tampered(string folder, string expected, string actual)
    {
        var modelChanged = false;
        var modelFile = ModelPackageWriter.ModelFileName;
        try
        {
            var manifest = Read<ModelManifest>(System.IO.Path.Combine(folder, ModelPackageWriter.ManifestFileName));
            modelFile = manifest.Model.File;
            var modelPath = System.IO.Path.Combine(folder, modelFile);
            modelChanged = File.Exists(modelPath) && ContentHash.OfBytes(File.ReadAllBytes(modelPath)) != manifest.Model.Sha256;
        }
        catch (InputException)
        {
            // The manifest itself was damaged; the hash mismatch below says enough.
        }
        var what = modelChanged ? $"{modelFile} differs from the hash in {ModelPackageWriter.ManifestFileName}" : "a file changed, was added or was removed";
        return new InputException(
            $"model package was modified after it was written ({what}): its content hashes to {actual} but its id is {expected}; packages are immutable, write a new one instead",
            folder);
    }

    private static PackageSeal? ReadSeal(string folder)
    {
        var path = System.IO.Path.Combine(folder, ModelPackageWriter.SealFileName);
        return File.Exists(path) ? Read<PackageSeal>(path) : null;
    }

    private static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), PackageJson.Options)
                ?? throw new InputException("is empty", path);
        }
        catch (JsonException error)
        {
            throw new InputException($"is not a valid {System.IO.Path.GetFileName(path)}: {error.Message}", path, (int?)(error.LineNumber + 1), (int?)(error.BytePositionInLine + 1), error);
        }
        catch (FileNotFoundException)
        {
            throw new InputException("is missing from the package", path);
        }
    }
}
