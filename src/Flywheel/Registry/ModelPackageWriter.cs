using Flywheel.Storage;

namespace Flywheel.Registry;

/// <summary>Where a written package lives and its id (the SHA-256 of its content).</summary>
public sealed record PackageRef(string Id, string Path);

/// <summary>
/// Writes a model package into the artifact store as an immutable folder named by its content hash:
/// <c>model.zip</c> (or <c>rule.txt</c> for a rule model), <c>manifest.json</c>, <c>model-card.json</c>, <c>model-card.md</c>, all hashed, and
/// <c>package.json</c> (id and creation time), the one file outside the hash. Creation time is left out of the
/// hash on purpose: the same training twice gives the same package, stored once, keeping its first creation time.
/// </summary>
public static partial class ModelPackageWriter
{
    public const string ModelFileName = "model.zip";
    public const string RuleFileName = "rule.txt";
    public const string ManifestFileName = "manifest.json";
    public const string CardJsonFileName = "model-card.json";
    public const string CardMarkdownFileName = "model-card.md";
    public const string SealFileName = "package.json";
    public const int FormatVersion = 1;

    internal static readonly IReadOnlySet<string> OutsideHash = new HashSet<string> { SealFileName };

    public static PackageRef Write(ModelPackageContent content, string artifactRoot, TimeProvider? clock = null) =>
        Write(content, new FileArtifactStore(artifactRoot), clock);

    public static PackageRef Write(ModelPackageContent content, IArtifactStore artifacts, TimeProvider? clock = null)
    {
        var stored = Store(content, clock, (write, excluded) => artifacts.StoreFolder(write, excluded));
        return new PackageRef(stored.Id, stored.Path);
    }

    /// <summary>Writes the package as a pending artifact: removed on the store's next open unless registered first.</summary>
    internal static PendingArtifact WritePending(ModelPackageContent content, IArtifactStore artifacts, TimeProvider? clock = null)
    {
        PendingArtifact? pending = null;
        Store(content, clock, (write, excluded) => (pending = artifacts.StorePending(write, excluded)).Artifact);
        return pending!;
    }

    private static ArtifactRef Store(ModelPackageContent content, TimeProvider? clock, Func<Action<string>, IReadOnlySet<string>, ArtifactRef> store)
    {
        RegistryNames.CheckModelName(content.ModelName);
        if (string.IsNullOrWhiteSpace(content.TrainingDataFingerprint))
            throw new ArgumentException("A package needs the training data's fingerprint.", nameof(content));
        var createdAt = (clock ?? TimeProvider.System).GetUtcNow();
        if ((content.RuleText is null) == (content.ModelZip.Length == 0))
            throw new ArgumentException("A package holds either an ML.NET model or a rule's text.", nameof(content));
        var (modelFile, model) = content.RuleText is { } rule
            ? (RuleFileName, System.Text.Encoding.UTF8.GetBytes(rule))
            : (ModelFileName, DeterministicZip.Normalize(content.ModelZip));
        var attachments = content.Attachments.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, _) in attachments) CheckAttachmentName(name);
        var manifest = new ModelManifest(
            FormatVersion,
            content.ModelName,
            content.Task,
            content.Trainer,
            new ModelFile(modelFile, ContentHash.OfBytes(model)),
            attachments.Select(a => new ModelFile(a.Key, ContentHash.OfBytes(a.Value))).ToList(),
            content.InputSchema,
            content.LabelMapping,
            content.PreprocessingPlan,
            content.DecisionPolicy,
            content.Metrics,
            content.TrainingDataFingerprint,
            content.BaselineStatistics,
            LibraryVersions.Current(),
            content.Seed,
            content.InputDialect);
        var card = ModelCard.From(manifest, content.Card);

        return store(folder =>
        {
            File.WriteAllBytes(Path.Combine(folder, modelFile), model);
            File.WriteAllText(Path.Combine(folder, ManifestFileName), PackageJson.Serialize(manifest));
            File.WriteAllText(Path.Combine(folder, CardJsonFileName), PackageJson.Serialize(card));
            File.WriteAllText(Path.Combine(folder, CardMarkdownFileName), card.ToMarkdown());
            foreach (var (name, bytes) in attachments) File.WriteAllBytes(Path.Combine(folder, name), bytes);
            var id = ContentHash.OfFolder(folder, OutsideHash);
            File.WriteAllText(Path.Combine(folder, SealFileName), PackageJson.Serialize(new PackageSeal(id, createdAt, FormatVersion)));
        }, OutsideHash);
    }
}

public static partial class ModelPackageWriter
{
    private static readonly HashSet<string> ReservedNames = [ModelFileName, RuleFileName, ManifestFileName, CardJsonFileName, CardMarkdownFileName, SealFileName];

    private static void CheckAttachmentName(string name)
    {
        if (!AttachmentName().IsMatch(name) || ReservedNames.Contains(name))
            throw new ArgumentException($"Attachment name '{name}' must be a plain file name (letters, digits, '.', '_', '-') other than {string.Join(", ", ReservedNames)}.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial System.Text.RegularExpressions.Regex AttachmentName();
}

/// <summary><c>package.json</c>: the id the content must hash to, and when the package was first written.</summary>
internal sealed record PackageSeal(string Id, DateTimeOffset CreatedAt, int FormatVersion);
