using Flywheel.UseCases;

namespace Flywheel.Registry;

public enum ModelReferenceKind
{
    /// <summary>A package folder: used as is, registered or not.</summary>
    PackagePath,

    /// <summary>A use-case folder: the newest version of the model named after the use case.</summary>
    UseCaseFolder,

    /// <summary><c>name@alias</c>.</summary>
    Alias,

    /// <summary><c>name:version</c>.</summary>
    Version,

    /// <summary>A bare model name: its newest version.</summary>
    Latest,
}

/// <summary>What a user wrote to name a model, parsed: a path, <c>name@alias</c>, <c>name:3</c> or <c>name</c>.</summary>
public sealed record ModelReference(ModelReferenceKind Kind, string Text, string? ModelName = null, string? Alias = null, int? Version = null, string? Path = null)
{
    public static ModelReference Parse(string text, string field = "model reference")
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InputException($"{field} is empty; expected a folder, name@alias or name:version", field);
        if (Directory.Exists(text) || File.Exists(text)) return FromPath(text, field);

        var at = text.IndexOf('@');
        if (at >= 0)
        {
            var name = Storage.RegistryNames.CheckModelName(text[..at], field);
            return new ModelReference(ModelReferenceKind.Alias, text, name, Alias: Storage.RegistryNames.CheckAlias(text[(at + 1)..], field));
        }
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            var name = Storage.RegistryNames.CheckModelName(text[..colon], field);
            if (!int.TryParse(text[(colon + 1)..], out var version) || version < 1)
                throw new InputException($"{field} '{text}': the version after ':' must be a whole number from 1, as in {name}:3", field);
            return new ModelReference(ModelReferenceKind.Version, text, name, Version: version);
        }
        if (text.Contains('/') || text.Contains('\\'))
            throw new InputException($"{field} '{text}': no such file or folder", field);
        return new ModelReference(ModelReferenceKind.Latest, text, Storage.RegistryNames.CheckModelName(text, field));
    }

    private static ModelReference FromPath(string text, string field)
    {
        var full = System.IO.Path.GetFullPath(text);
        var folder = File.Exists(full) ? System.IO.Path.GetDirectoryName(full)! : full;
        if (File.Exists(System.IO.Path.Combine(folder, ModelPackageWriter.ManifestFileName)))
            return new ModelReference(ModelReferenceKind.PackagePath, text, Path: folder);
        if (File.Exists(System.IO.Path.Combine(folder, UseCaseLoader.FileName)) || (File.Exists(full) && full.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)))
        {
            var useCase = UseCaseLoader.Load(text);
            return new ModelReference(ModelReferenceKind.UseCaseFolder, text, useCase.Name, Path: useCase.Directory);
        }
        throw new InputException($"{field} '{text}' is neither a model package (no {ModelPackageWriter.ManifestFileName}) nor a use-case folder (no {UseCaseLoader.FileName})", text);
    }
}
