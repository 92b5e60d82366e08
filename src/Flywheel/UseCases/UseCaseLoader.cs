using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Flywheel.UseCases;

/// <summary>Loads and validates a <c>flywheel.yaml</c>. Every mistake becomes an <see cref="InputException"/> naming file, line and column.</summary>
public static class UseCaseLoader
{
    public const string FileName = "flywheel.yaml";

    /// <summary>Accepts a use-case folder or the file itself.</summary>
    public static string Locate(string folderOrFile)
    {
        if (System.IO.Directory.Exists(folderOrFile))
        {
            var file = Path.Combine(folderOrFile, FileName);
            return File.Exists(file) ? file : throw new InputException($"no {FileName} in this folder; create one with 'flywheel init {folderOrFile}'", folderOrFile);
        }
        if (!File.Exists(folderOrFile)) throw new InputException("no such file or folder", folderOrFile);
        var extension = Path.GetExtension(folderOrFile).ToLowerInvariant();
        if (extension is ".yaml" or ".yml") return folderOrFile;
        // Read as YAML, a CSV gives a puzzling syntax error; say what the file is and what the command wants instead.
        throw new InputException(DataExtensions.Contains(extension)
            ? $"this is a data file, not a use case; point the command at a use-case folder (the one holding {FileName}), whose 'data.source' names this file"
            : $"this is not a use-case file; point the command at a use-case folder (the one holding {FileName}) or at a .yaml file", folderOrFile);
    }

    private static readonly string[] DataExtensions = [".csv", ".tsv", ".txt", ".parquet", ".json", ".jsonl", ".xlsx", ".xls", ".gz", ".zip"];

    public static UseCase Load(string folderOrFile, UseCaseOptions? options = null)
    {
        var path = Locate(folderOrFile);
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException error)
        {
            throw Utf8Check.Error(path, error);
        }
        return Parse(text, path) with { DataRoots = (options ?? UseCaseOptions.Default).DataRoots };
    }

    public static UseCase Parse(string text, string path)
    {
        YamlPrescan.Check(text, path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            var reason = error.InnerException?.Message ?? error.Message;
            throw new InputException($"this is not valid YAML: {YamlPrescan.Strip(reason)}", path, (int)Math.Max(1, error.Start.Line), (int)Math.Max(1, error.Start.Column));
        }
        if (stream.Documents.Count == 0) throw new InputException("the file is empty; it needs at least 'name', 'statement' and 'value'", path, 1, 1);

        var root = new MappingReader(stream.Documents[0].RootNode, path, "flywheel.yaml", UseCaseKeys.Root);
        var name = root.RequiredString("name").Value;
        var statement = root.RequiredString("statement").Value;
        var owner = root.String("owner")?.Value;
        var units = UnitsSectionReader.Read(root.Node("units") is { } unitsNode ? new MappingReader(unitsNode, path, "units", UseCaseKeys.Units) : null);
        var value = root.Node("value") is { } valueNode ? ValueSectionReader.Read(new MappingReader(valueNode, path, "value", UseCaseKeys.Value)) : null;
        var data = root.Node("data") is { } dataNode ? DataSectionReader.Read(new MappingReader(dataNode, path, "data", UseCaseKeys.Data)) : null;
        var training = root.Node("training") is { } trainingNode ? TrainingSectionReader.Read(new MappingReader(trainingNode, path, "training", UseCaseKeys.Training)) : null;
        var decision = root.Node("decision") is { } decisionNode ? DecisionSectionReader.Read(new MappingReader(decisionNode, path, "decision", UseCaseKeys.Decision)) : null;
        var plan = root.Node("plan") is { } planNode ? PlanSectionReader.Read(new MappingReader(planNode, path, "plan", UseCaseKeys.Plan)) : null;
        var monitoring = root.Node("monitoring") is { } monitoringNode ? MonitoringSectionReader.Read(new MappingReader(monitoringNode, path, "monitoring", UseCaseKeys.Monitoring), data) : null;
        var review = root.Node("review") is { } reviewNode ? ReviewSectionReader.Read(new MappingReader(reviewNode, path, "review", UseCaseKeys.ReviewQueue)) : null;
        var approvals = root.Node("approvals") is { } approvalsNode ? ApprovalsSectionReader.Read(new MappingReader(approvalsNode, path, "approvals", UseCaseKeys.Approvals)) : null;
        var canvas = root.Node("canvas") is { } canvasNode ? CanvasSectionReader.Read(new MappingReader(canvasNode, path, "canvas", UseCaseKeys.Canvas)) : null;
        root.RejectUnknownKeys();
        return new UseCase(name, statement, owner, value, data, training, decision, path, plan) { Units = units, Monitoring = monitoring, Review = review, Approvals = approvals, Canvas = canvas, Fingerprint = UseCaseEditor.FingerprintOf(text) };
    }
}
