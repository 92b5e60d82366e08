using System.CommandLine;
using Flywheel.Storage;
using System.Text.Json;
using Flywheel.Data.Splits;
using Flywheel.Tasks;
using Spectre.Console;

namespace Flywheel.Cli.Data;

/// <summary>
/// <c>flywheel data split FILE|DIR [--target COL] [--seed N] [--by COL] [--time COL] [-o assignment.csv] [--json]</c>:
/// assign every row to train, validation or test, write <c>row,split</c>, print the counts and the fingerprint.
/// </summary>
public static class DataSplitCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var path = DataOptions.Path();
        var target = DataOptions.Target();
        var seed = new Option<int?>("--seed") { Description = "Seed of the shuffle; default: data.split.seed or 1729" };
        var by = new Option<string?>("--by") { Description = "Group column: rows sharing a value stay in one split" };
        var time = new Option<string?>("--time") { Description = "Date column: split in time order, no future rows in train" };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write row,split (- for standard output); default: .flywheel/split.csv in the use case, or FILE.split.csv" };
        var json = DataOptions.Json();

        var command = new Command("split", "Assign rows to train / validation / test (stratified, grouped or by time), reproducibly")
        {
            path, target, seed, by, time, output, json,
        };
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(output) == OutputTarget.StandardOutput && parseResult.GetValue(json))
                throw new InputException("--json and -o - both write to standard output; write the split to a file, or drop one of them");
            var chosen = parseResult.GetValue(output) is { } given ? CliOutput.Target(given, parseResult.GetValue(path)) : null;
            var input = DataProgressBar.Run("reading the data", progress => SplitRun.Open(parseResult.GetValue(path)!, parseResult.GetValue(target), progress, CliUseCase.Options(parseResult)));
            var classification = input.Task()?.IsClassification() == true;
            var summary = SplitRun.Assign(input, new SplitOverrides(parseResult.GetValue(seed), parseResult.GetValue(by), parseResult.GetValue(time)), classification);
            // Checked again now that the data file is known: a use case's source must not be overwritten either.
            var destinationTarget = chosen is { IsStream: true } ? chosen : OutputTarget.File(chosen?.Display ?? DefaultOutput(input), input.Table.File, input.DescribedIn);
            destinationTarget.WriteAllText(SplitAssignmentCsv.Text(summary.Assignment));
            var destination = destinationTarget.Display;
            if (destinationTarget.IsStream) return ExitCodes.Ok;

            if (parseResult.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(SplitDocument.From(summary, destination), Json));
            else Write(AnsiConsole.Console, summary, destination);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string DefaultOutput(SplitInput input) =>
        input.UseCase is { } useCase
            ? Path.Combine(useCase.Directory, ".flywheel", "split.csv")
            : Path.ChangeExtension(input.Table.File ?? input.DescribedIn, null) + ".split.csv";

    private static void Write(IAnsiConsole console, SplitSummary summary, string destination)
    {
        var settings = summary.Assignment.Settings;
        var classes = summary.Counts.SelectMany(count => count.Classes.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        console.MarkupLineInterpolated($"[bold]{Path.GetFileName(summary.DataFile)}[/]: {settings.Strategy} split, seed {settings.Seed}");
        var table = new Table();
        table.AddColumn("split");
        table.AddColumn(new TableColumn("rows").RightAligned());
        table.AddColumn(new TableColumn("share").RightAligned());
        foreach (var name in classes) table.AddColumn(new TableColumn(Markup.Escape($"{summary.Target} = {name}")).RightAligned());
        var total = summary.Assignment.RowCount;
        foreach (var count in summary.Counts)
        {
            var cells = new List<string> { count.Split.Name(), count.Rows.ToString(), $"{(double)count.Rows / total:P1}" };
            cells.AddRange(classes.Select(name => count.Classes.GetValueOrDefault(name).ToString()));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        foreach (var empty in summary.Counts.Where(count => count.Rows == 0 && settings.Fractions[count.Split] > 0))
            console.MarkupLineInterpolated($"[yellow]warning:[/] the {empty.Split.Name()} split is empty: the groups or timestamps are too few or too large for these fractions");
        if (settings.Column is { } column) console.MarkupLineInterpolated($"[grey]{settings.Strategy} by[/] {column}");
        console.MarkupLineInterpolated($"[grey]fingerprint[/] {summary.Assignment.Fingerprint}");
        console.MarkupLineInterpolated($"[grey]written to[/] {destination}");
    }
}

/// <summary>The JSON shape of <c>data split --json</c>.</summary>
internal sealed record SplitDocument(
    string File,
    string Output,
    int Rows,
    string Strategy,
    string? Column,
    string? Target,
    int Seed,
    IReadOnlyDictionary<string, double> Fractions,
    string Fingerprint,
    string DataFingerprint,
    IReadOnlyList<SplitDocumentCount> Splits)
{
    public static SplitDocument From(SplitSummary summary, string output)
    {
        var settings = summary.Assignment.Settings;
        return new SplitDocument(
            summary.DataFile,
            Path.GetFullPath(output),
            summary.Assignment.RowCount,
            settings.Strategy.ToString().ToLowerInvariant(),
            settings.Column,
            summary.Target,
            settings.Seed,
            SplitNames.All.ToDictionary(split => split.Name(), split => settings.Fractions[split]),
            summary.Assignment.Fingerprint,
            summary.Assignment.DataFingerprint,
            summary.Counts.Select(count => new SplitDocumentCount(count.Split.Name(), count.Rows, count.Classes)).ToList());
    }
}

internal sealed record SplitDocumentCount(string Split, int Rows, IReadOnlyDictionary<string, int> Classes);
