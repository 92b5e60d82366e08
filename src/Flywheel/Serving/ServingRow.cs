using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Serving;

/// <summary>
/// One raw input row as ML.NET sees it, refilled in place for every row scored: numeric columns as Single, the
/// others as text. <see cref="Advance"/> moves the position on, which tells the transforms' getters that the values
/// changed (they cache per position).
/// </summary>
internal sealed class ServingRow(DataViewSchema schema) : DataViewRow
{
    private readonly float[] _numbers = new float[schema.Count];
    private readonly ReadOnlyMemory<char>[] _texts = new ReadOnlyMemory<char>[schema.Count];
    private long _position = -1;

    public override DataViewSchema Schema => schema;
    public override long Position => _position;
    public override long Batch => 0;

    public void SetNumber(int column, float value) => _numbers[column] = value;

    public void SetText(int column, string text) => _texts[column] = text.AsMemory();

    public void Advance() => _position++;

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var index = column.Index;
        if (typeof(TValue) == typeof(float))
            return (ValueGetter<TValue>)(Delegate)new ValueGetter<float>((ref float value) => value = _numbers[index]);
        if (typeof(TValue) == typeof(ReadOnlyMemory<char>))
            return (ValueGetter<TValue>)(Delegate)new ValueGetter<ReadOnlyMemory<char>>((ref ReadOnlyMemory<char> value) => value = _texts[index]);
        throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);
}
