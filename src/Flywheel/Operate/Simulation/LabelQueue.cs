namespace Flywheel.Operate.Simulation;

/// <summary>
/// The labels of simulated requests waiting for their delay to elapse: <see cref="TakeDue"/> hands over, in arrival
/// order, those due by a time, and counts them per simulated day.
/// </summary>
internal sealed class LabelQueue
{
    private readonly PriorityQueue<SimulatedRequest, DateTimeOffset> _waiting = new();
    private readonly Dictionary<int, int> _sent = [];

    public void Add(SimulatedDay day)
    {
        foreach (var request in day.Requests)
            if (request.LabelDue is { } due) _waiting.Enqueue(request, due);
    }

    public IReadOnlyList<SimulatedRequest> TakeDue(DateTimeOffset by)
    {
        var due = new List<SimulatedRequest>();
        while (_waiting.TryPeek(out var request, out var at) && at <= by)
        {
            _waiting.Dequeue();
            due.Add(request);
            _sent[request.Day] = _sent.GetValueOrDefault(request.Day) + 1;
        }
        return due;
    }

    public int SentOf(int day) => _sent.GetValueOrDefault(day);
}
