using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flywheel.Operate.Inference;

namespace Flywheel.Operate.Simulation;

/// <summary>
/// Sends simulated traffic to a running server: each request to <c>POST /api/v1/endpoints/{name}/invocations</c>
/// under its own inference id (the server stamps the time), and after each simulated day the labels whose simulated
/// delay has elapsed by that day's end to <c>POST …/ground-truth</c>, so the server gets the same labels an in-process
/// run writes, in the order they fall due. A refusal stops the run with the server's reason.
/// </summary>
public sealed class HttpSimulation(HttpClient http, Uri server, string endpoint, string? key, SimulationFields fields)
{
    private const string InferenceIdHeader = "X-Amzn-SageMaker-Inference-Id";
    private const string ModelVersionHeader = "X-Flywheel-Model-Version";
    private const int LabelsPerPost = 1_000;

    public async Task<SimulationSummary> RunAsync(Traffic traffic, SimulationSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var labels = new LabelQueue();
        var models = new SortedSet<string>(StringComparer.Ordinal);
        var days = new List<DaySummary>();
        var total = (double)settings.Days * settings.PerDay;
        var sent = 0L;
        var invocations = Route("invocations");
        foreach (var day in traffic.Days())
        {
            foreach (var request in day.Requests)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, invocations) { Content = new StringContent(request.Body, Encoding.UTF8, RequestDecoder.Json) };
                message.Headers.Add(InferenceIdHeader, request.InferenceId);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(RequestDecoder.Json));
                using var response = await SendAsync(message, cancellation);
                if (response.Headers.TryGetValues(ModelVersionHeader, out var version)) models.UnionWith(version);
                progress?.Report(++sent / total);
            }
            labels.Add(day);
            foreach (var batch in labels.TakeDue(day.To).Chunk(LabelsPerPost)) await PostLabelsAsync(batch, cancellation);
            days.Add(DaySummary.Of(day));
        }
        return new SimulationSummary(endpoint, SimulationMode.Http, server.ToString(), models.ToList(), settings.DayStart(1), settings.Until, settings.Seed,
            DriftSummary.Of(settings), days.Select(d => d with { LabelsSent = labels.SentOf(d.Day) }).ToList());
    }

    private async Task PostLabelsAsync(IReadOnlyList<SimulatedRequest> batch, CancellationToken cancellation)
    {
        var body = JsonSerializer.Serialize(new { records = batch.Select(r => new { inferenceId = r.InferenceId, label = r.Outcome }) });
        using var message = new HttpRequestMessage(HttpMethod.Post, Route("ground-truth")) { Content = new StringContent(body, Encoding.UTF8, RequestDecoder.Json) };
        using var response = await SendAsync(message, cancellation);
    }

    private Uri Route(string action) => new(server, $"api/v1/endpoints/{Uri.EscapeDataString(endpoint)}/{action}");

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellation)
    {
        if (key is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellation);
        }
        catch (HttpRequestException error)
        {
            throw new InputException($"cannot reach the server at {server}: {error.Message}", fields.Url, inner: error);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var reason = await response.Content.ReadAsStringAsync(cancellation);
            var what = $"{message.Method} {message.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Detail(reason)}";
            Exception failure = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new InputException(what, fields.Key),
                HttpStatusCode.NotFound => new NotFoundException(what, "endpoint"),
                _ when (int)response.StatusCode < 500 => new InputException(what, fields.Url),
                _ => new HttpRequestException(what, null, response.StatusCode),
            };
            throw failure;
        }
    }

    // A problem document's detail, else the body as it came (cut short).
    private static string Detail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                return detail.GetString()!;
        }
        catch (JsonException)
        {
        }
        return body.Length > 300 ? body[..300] + "…" : body;
    }
}
