using System.Globalization;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Capture;
using Flywheel.Operate.Inference;
using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Drift;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.UseCases;
using Flywheel.Workflows.Baselines;

namespace Flywheel.Bench.Monitoring;

/// <summary>
/// Turns generate.py's captured rows into what a day of traffic leaves on disk: requests of N headerless CSV rows in
/// the model's input order, each scored by the trained package and answered as the server answers (JSON), written by
/// the server's own <see cref="CaptureWriter"/> into the use case's artifact root, spread evenly over
/// <see cref="BenchWindow"/>. Then writes what the pandas peer needs beside it: the window, the inputs and thresholds
/// (peer.json), the package's reference sample as CSV (the peer's Python has no Parquet reader), and the package's
/// constraints and test-split predictions as they are.
/// </summary>
internal static class Preparation
{
    public static async Task<int> RunAsync(string useCaseFolder, string capturedCsv, string peerFolder, int perRequest)
    {
        var useCase = UseCaseLoader.Load(useCaseFolder);
        var store = MetadataStore.ForUseCase(useCaseFolder);
        var resolved = await new ModelCatalog(store).ResolveAsync(useCase.Name);
        var version = resolved.Version ?? throw new InvalidOperationException($"{useCase.Name} has no registered version; run flywheel train first");
        var model = new LoadedModel(ScoringModel.Load(resolved.Package), version.Reference, resolved.Package.Id, 1);
        var spec = model.Spec;
        var root = store.Artifacts.Root;
        var endpointFolder = CapturePaths.EndpointFolder(root, BenchWindow.Endpoint);
        if (Directory.Exists(endpointFolder)) Directory.Delete(endpointFolder, recursive: true);

        var lines = File.ReadAllLines(capturedCsv);
        var header = lines[0].Split(',');
        var positions = spec.Inputs.Select(input => Array.IndexOf(header, input.Name)).ToArray();
        if (positions.Any(p => p < 0)) throw new InvalidOperationException($"{capturedCsv} lacks an input of {version.Reference}");
        var requests = (lines.Length - 1 + perRequest - 1) / perRequest;
        var step = (BenchWindow.To - BenchWindow.From) / requests;
        var writer = new CaptureWriter(new CaptureOptions { Root = root, Capacity = 50_000 });
        writer.Start();
        var body = new StringBuilder();
        for (var r = 0; r < requests; r++)
        {
            body.Clear();
            for (var line = 1 + r * perRequest; line < Math.Min(lines.Length, 1 + (r + 1) * perRequest); line++)
            {
                var fields = lines[line].Split(',');
                for (var i = 0; i < positions.Length; i++) body.Append(i == 0 ? "" : ",").Append(fields[positions[i]]);
                body.Append('\n');
            }
            var text = body.ToString();
            var id = $"bench-{r:D7}";
            var rows = RequestDecoder.Decode(spec, RequestDecoder.Csv, text, Invoker.DefaultMaxRows).Rows;
            var head = new Dictionary<string, string> { ["endpoint"] = BenchWindow.Endpoint, ["variant"] = "primary", ["model"] = version.Reference, ["inference_id"] = id };
            var answer = ResponseEncoder.Encode(spec, model.Score(rows, 0), id, RequestDecoder.Json, head);
            var captured = new CaptureEvent(BenchWindow.Endpoint, "primary", version.Reference, id, Guid.NewGuid().ToString("D"), BenchWindow.From + step * r,
                "text/csv", text, "application/json", answer, TimeSpan.FromMilliseconds(1));
            while (!writer.Offer(captured)) await Task.Delay(5);
        }
        await writer.CompleteAsync();
        var stats = writer.Stats(BenchWindow.Endpoint);
        Console.Error.WriteLine($"captured {lines.Length - 1:N0} rows in {stats.Written:N0} requests ({stats.FilesStarted} files) under {endpointFolder}");

        WritePeerFiles(useCase, resolved.Package, spec, endpointFolder, peerFolder);
        return 0;
    }

    private static void WritePeerFiles(UseCase useCase, ModelPackage package, ServingSpec spec, string endpointFolder, string peerFolder)
    {
        Directory.CreateDirectory(peerFolder);
        File.Copy(package.AttachmentPath(BaselineFiles.Constraints), Path.Combine(peerFolder, "constraints.json"), overwrite: true);
        File.Copy(package.AttachmentPath(BaselineFiles.Predictions), Path.Combine(peerFolder, "predictions.json"), overwrite: true);
        var (reference, rows) = MonitoringBaseline.ReadReference(package.AttachmentPath(BaselineFiles.Reference));
        var names = spec.Inputs.Select(input => input.Name).Where(reference.ContainsKey).ToList();
        using (var csv = new StreamWriter(Path.Combine(peerFolder, "reference.csv")))
        {
            csv.WriteLine(string.Join(",", names));
            for (var row = 0; row < rows; row++)
                csv.WriteLine(string.Join(",", names.Select(name => reference[name] switch
                {
                    ColumnSample.Numeric n => double.IsNaN(n.Values[row]) ? "" : n.Values[row].ToString("R", CultureInfo.InvariantCulture),
                    ColumnSample.Categorical c => c.Values[row] ?? "",
                    _ => throw new InvalidOperationException(name),
                })));
        }
        var monitoring = useCase.MonitoringOrDefault;
        var peer = new
        {
            capture = endpointFolder,
            from = BenchWindow.From,
            to = BenchWindow.To,
            inputs = spec.Inputs.Select(input => new { name = input.Name, numeric = input.Numeric }),
            thresholds = MonitoringThresholds.Defaults.Keys.ToDictionary(name => name, monitoring.Threshold),
        };
        File.WriteAllText(Path.Combine(peerFolder, "peer.json"), JsonSerializer.Serialize(peer, new JsonSerializerOptions { WriteIndented = true }));
    }
}
