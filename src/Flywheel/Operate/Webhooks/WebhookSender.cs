using System.Net.Http.Headers;

namespace Flywheel.Operate.Webhooks;

/// <summary>Where a webhook goes and the secret its body is signed with (never logged, never returned by the API).</summary>
public sealed record WebhookTarget(Uri Url, string Secret)
{
    public override string ToString() => Url.ToString(); // a record would print the secret

    /// <summary>An absolute http(s) URL or an <see cref="InputException"/> naming <paramref name="field"/>.</summary>
    public static Uri ParseUrl(string text, string field) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url
            : throw new InputException($"'{text}' is not an absolute http or https URL", field);
}

/// <summary>How often and how patiently a webhook is retried: attempt n waits FirstDelay·2^(n−2), capped at MaxDelay.</summary>
public sealed record WebhookRetryPolicy(int MaxAttempts = 6, TimeSpan? FirstDelay = null, TimeSpan? MaxDelay = null)
{
    public TimeSpan DelayBefore(int attempt) =>
        attempt <= 1 ? TimeSpan.Zero
            : TimeSpan.FromTicks(Math.Min((MaxDelay ?? TimeSpan.FromMinutes(5)).Ticks, (FirstDelay ?? TimeSpan.FromSeconds(2)).Ticks * (1L << Math.Min(attempt - 2, 30))));
}

/// <summary>One delivery attempt: its HTTP status (null when no answer came) or the error.</summary>
public sealed record WebhookAttempt(int Number, DateTimeOffset At, int? Status, string? Error)
{
    public bool Delivered => Status is >= 200 and < 300;
}

/// <summary>
/// Posts a JSON body to a webhook, signed (<see cref="WebhookSignature"/>), retrying with exponential backoff until a
/// 2xx answer or the attempts are spent. Each attempt is handed to <c>onAttempt</c> (the job log records it). Reusable:
/// async-inference notifications use it now, monitoring alerts next.
/// </summary>
public sealed class WebhookSender(HttpClient http, WebhookRetryPolicy? policy = null, TimeProvider? clock = null)
{
    private readonly WebhookRetryPolicy _policy = policy ?? new WebhookRetryPolicy();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public const string EventHeader = "X-Flywheel-Event";
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<WebhookAttempt>> SendAsync(WebhookTarget target, string eventName, byte[] body,
        Action<WebhookAttempt>? onAttempt = null, CancellationToken cancellation = default)
    {
        var signature = WebhookSignature.Sign(target.Secret, body);
        var attempts = new List<WebhookAttempt>();
        for (var number = 1; number <= _policy.MaxAttempts; number++)
        {
            var delay = _policy.DelayBefore(number);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _clock, cancellation);
            var attempt = await AttemptAsync(target.Url, eventName, body, signature, number, cancellation);
            attempts.Add(attempt);
            onAttempt?.Invoke(attempt);
            // A 4xx other than 408/429 will not change by asking again.
            if (attempt.Delivered || attempt.Status is >= 400 and < 500 and not 408 and not 429) break;
        }
        return attempts;
    }

    private async Task<WebhookAttempt> AttemptAsync(Uri url, string eventName, byte[] body, string signature, int number, CancellationToken cancellation)
    {
        var at = _clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
        request.Headers.TryAddWithoutValidation(EventHeader, eventName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new WebhookAttempt(number, at, (int)response.StatusCode, null);
        }
        catch (Exception error) when (error is HttpRequestException || (error is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            return new WebhookAttempt(number, at, null, error is OperationCanceledException ? $"no answer within {AttemptTimeout.TotalSeconds:0} s" : error.Message);
        }
    }
}
