namespace Flywheel.Operate.Monitoring.Windows;

/// <summary>An append-only array that doubles when full: a column filled row by row without a list's per-item checks.</summary>
internal sealed class Growing<T>
{
    private T[] _items = new T[256];

    public int Count { get; private set; }

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = item;
    }

    /// <summary>The last item added (set to replace it).</summary>
    public T Last
    {
        get => _items[Count - 1];
        set => _items[Count - 1] = value;
    }

    /// <summary>The items added so far (valid until the next add).</summary>
    public ReadOnlySpan<T> Items => _items.AsSpan(0, Count);

    public void AddRange(ReadOnlySpan<T> items)
    {
        if (Count + items.Length > _items.Length) Array.Resize(ref _items, Math.Max(_items.Length * 2, Count + items.Length));
        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    public void Truncate(int count) => Count = Math.Min(Count, count);

    public T[] ToArray() => _items.AsSpan(0, Count).ToArray();
}
