using System.Buffers;
using Flywheel.Operate.Capture;

namespace Flywheel.Server.Tests.Retraining;

/// <summary>Capture records made to order, written as the server's capture writer writes them (one file per record).</summary>
internal static class CapturedRequests
{
    private static int _sequence;

    public static void Write(string root, CaptureEvent captured)
    {
        var folder = CapturePaths.HourFolder(CapturePaths.VariantFolder(root, captured.Endpoint, captured.Variant), captured.InferenceTime);
        Directory.CreateDirectory(folder);
        var buffer = new ArrayBufferWriter<byte>();
        CaptureRecordFormat.Write(captured, buffer);
        File.WriteAllBytes(Path.Combine(folder, CapturePaths.FileName(captured.InferenceTime, "test", Interlocked.Increment(ref _sequence))), buffer.WrittenSpan.ToArray());
    }

    /// <summary>A one-row CSV request (header and row) answered with <paramref name="response"/> as JSON.</summary>
    public static CaptureEvent Event(string endpoint, string inferenceId, DateTimeOffset at, string request, string response,
        string variant = "primary", string model = "telco-churn:1", bool shadow = false) =>
        new(endpoint, variant, model, inferenceId, $"evt-{variant}-{inferenceId}", at, "text/csv", request, "application/json", response,
            TimeSpan.FromMilliseconds(1), shadow);

    /// <summary>A binary answer as the server encodes it: score, predicted label, decision.</summary>
    public static string Answer(double score, string label, bool review = false) =>
        $$"""{"predictions":[{"score":{{score.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}},"predicted_label":"{{label}}","decision":"{{(review ? "review" : "automatic")}}"}]}""";
}
