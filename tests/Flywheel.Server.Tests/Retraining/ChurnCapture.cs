using System.Buffers;
using Flywheel.Operate.Capture;
using Flywheel.Operate.GroundTruth;
using Flywheel.Storage;

namespace Flywheel.Server.Tests.Retraining;

/// <summary>Captured one-row churn requests (MLflow CSV with a header, rows of the sample file) written as the server writes them, and their real labels as ground truth.</summary>
internal static class ChurnCapture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The sample's rows: header without the target, each row's inputs, its churn label.</summary>
    public static (string Header, List<(string Inputs, string Label)> Rows) Read(string folder, int count)
    {
        var lines = File.ReadLines(Path.Combine(folder, "data", "mlc_churn.csv")).Take(count + 1).ToList();
        var header = lines[0].Split(',');
        var target = Array.IndexOf(header, "\"churn\"");
        string Without(string[] fields) => string.Join(",", fields.Where((_, i) => i != target));
        return (Without(header), lines.Skip(1).Select(line => line.Split(',')).Select(f => (Without(f), f[target].Trim('"'))).ToList());
    }

    /// <summary>Writes request <c>i</c> as inference <c>inf-i</c> at Start + i hours, answered by <paramref name="model"/>.</summary>
    public static void Write(string root, string endpoint, string model, string header, IReadOnlyList<string> inputs, int first = 0)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            var n = first + i;
            var at = Start.AddHours(n);
            var captured = new CaptureEvent(endpoint, "primary", model, $"inf-{n:D4}", $"evt-{n:D4}", at, "text/csv", header + "\n" + inputs[i],
                "application/json", "{\"predictions\":[]}", TimeSpan.FromMilliseconds(1));
            var folder = CapturePaths.HourFolder(CapturePaths.VariantFolder(root, endpoint, "primary"), at);
            Directory.CreateDirectory(folder);
            var buffer = new ArrayBufferWriter<byte>();
            CaptureRecordFormat.Write(captured, buffer);
            File.WriteAllBytes(Path.Combine(folder, CapturePaths.FileName(at, "test", n)), buffer.WrittenSpan.ToArray());
        }
    }

    public static void GroundTruth(string root, string endpoint, IEnumerable<(int Inference, string Label)> labels) =>
        new GroundTruthStore(root, TimeProvider.System, "test").Append(endpoint,
            labels.Select(l => new GroundTruthRecord($"inf-{l.Inference:D4}", l.Label, "CSV")).ToList());
}

/// <summary>Human labels made to order (the review part's SQL store replaces it at merge).</summary>
internal sealed class FakeHumanLabels(params HumanLabel[] labels) : IHumanLabels
{
    public Task<IReadOnlyList<HumanLabel>> ListAsync(string endpoint, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HumanLabel>>(labels.Where(l => l.Endpoint == endpoint).ToList());
}
