namespace Flywheel.Operate.Monitoring.Windows;

/// <summary>
/// An append-only column filled row by row without a list's per-item checks, in chunks: the first chunk doubles up
/// to <see cref="ChunkSize"/> items, and past it whole chunks are added, so a million-row column is never copied to
/// grow (nor leaves the halves it outgrew behind) — it is copied once, into the window's array.
/// </summary>
internal sealed class Growing<T>
{
    private const int Shift = 16;
    private const int ChunkSize = 1 << Shift;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public void Add(T item)
    {
        var (chunk, at) = (Count >> Shift, Count & (ChunkSize - 1));
        if (chunk == _chunks.Count) _chunks.Add(new T[chunk == 0 ? 256 : ChunkSize]);
        else if (at == _chunks[chunk].Length)
        {
            var first = _chunks[chunk];
            Array.Resize(ref first, first.Length * 2);
            _chunks[chunk] = first;
        }
        _chunks[chunk][at] = item;
        Count++;
    }

    public T this[int index] => _chunks[index >> Shift][index & (ChunkSize - 1)];

    /// <summary>The last item added (set to replace it).</summary>
    public T Last
    {
        get => this[Count - 1];
        set => _chunks[(Count - 1) >> Shift][(Count - 1) & (ChunkSize - 1)] = value;
    }

    public void AddRange(Growing<T> other)
    {
        for (var i = 0; i < other.Count; i++) Add(other[i]);
    }

    public void Truncate(int count) => Count = Math.Min(Count, count);

    /// <summary>The items in one array, the chunks let go: the column is empty afterwards.</summary>
    public T[] TakeArray()
    {
        var items = new T[Count];
        for (var (chunk, at) = (0, 0); at < Count; chunk++)
        {
            var length = Math.Min(_chunks[chunk].Length, Count - at);
            _chunks[chunk].AsSpan(0, length).CopyTo(items.AsSpan(at));
            _chunks[chunk] = [];
            at += length;
        }
        _chunks.Clear();
        Count = 0;
        return items;
    }
}
