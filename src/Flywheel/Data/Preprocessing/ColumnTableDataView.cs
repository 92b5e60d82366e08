using Flywheel.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Data.Preprocessing;

/// <summary>
/// An ML.NET view over chosen rows of a <see cref="ColumnTable"/>: numeric columns as Single (NaN = missing), all
/// other columns as String (empty = missing), plus an optional "Label" column. This is the raw input schema the
/// feature transformer expects, at training and at serving time alike.
/// </summary>
internal sealed class ColumnTableDataView : IDataView
{
    private readonly IReadOnlyList<int> _rows;
    private readonly IReadOnlyList<ViewColumn> _columns;

    public ColumnTableDataView(ColumnTable table, IReadOnlyList<int> rows, IEnumerable<string> columnNames, LabelColumn? label)
    {
        _rows = rows;
        var columns = columnNames.Select(name => ViewColumn.Raw(table.Get(name, "the input"))).ToList();
        if (label is not null) columns.Add(label.ToViewColumn(table));
        _columns = columns;
        var builder = new DataViewSchema.Builder();
        foreach (var column in _columns) builder.AddColumn(column.Name, column.Type, column.Annotations);
        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;
    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _rows.Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(ColumnTableDataView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rows.Count)
            {
                _position = view._rows.Count;
                return false;
            }
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var source = view._columns[column.Index];
            return source.Getter<TValue>(() => view._rows[(int)_position]);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);
    }
}

/// <summary>One column of the view: its ML.NET type and how to read a table row into it.</summary>
internal sealed class ViewColumn(string name, DataViewType type, Delegate makeGetter, DataViewSchema.Annotations? annotations = null)
{
    public string Name { get; } = name;
    public DataViewType Type { get; } = type;
    public DataViewSchema.Annotations? Annotations { get; } = annotations;

    public ValueGetter<TValue> Getter<TValue>(Func<int> row) =>
        makeGetter is Func<Func<int>, ValueGetter<TValue>> make
            ? make(row)
            : throw new InvalidOperationException($"column '{Name}' is {Type}, not {typeof(TValue).Name}");

    public static ViewColumn Raw(TableColumn column) => column.IsNumeric
        ? new ViewColumn(column.Name, NumberDataViewType.Single,
            (Func<Func<int>, ValueGetter<float>>)(row => (ref float value) => value = (float)column.Number(row())))
        : new ViewColumn(column.Name, TextDataViewType.Instance,
            (Func<Func<int>, ValueGetter<ReadOnlyMemory<char>>>)(row => (ref ReadOnlyMemory<char> value) => value = (column.String(row()) ?? "").AsMemory()));
}

/// <summary>How the "Label" column is made from the target column.</summary>
internal sealed record LabelColumn(LabelMapping Mapping)
{
    public const string Name = "Label";

    public ViewColumn ToViewColumn(ColumnTable table)
    {
        var target = table.Get(Mapping.Column, "'data.target'");
        switch (Mapping.Kind)
        {
            case MlTask.Binary:
                var positive = Mapping.Positive;
                return new ViewColumn(Name, BooleanDataViewType.Instance,
                    (Func<Func<int>, ValueGetter<bool>>)(row => (ref bool value) => value = target.String(row()) == positive));
            case MlTask.Multiclass:
                var keys = Mapping.Classes.Select((name, index) => (name, key: (uint)index + 1)).ToDictionary(pair => pair.name, pair => pair.key, StringComparer.Ordinal);
                var annotations = new DataViewSchema.Annotations.Builder();
                var names = Mapping.Classes.Select(name => name.AsMemory()).ToArray();
                // "KeyValues" is the annotation ML.NET reads to map keys back to class names (MapKeyToValue).
                annotations.Add("KeyValues", new VectorDataViewType(TextDataViewType.Instance, names.Length),
                    (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Length, names));
                return new ViewColumn(Name, new KeyDataViewType(typeof(uint), Math.Max(1, names.Length)),
                    (Func<Func<int>, ValueGetter<uint>>)(row => (ref uint value) => value = target.String(row()) is { } text && keys.TryGetValue(text, out var key) ? key : 0),
                    annotations.ToAnnotations());
            default:
                return new ViewColumn(Name, NumberDataViewType.Single,
                    (Func<Func<int>, ValueGetter<float>>)(row => (ref float value) => value = (float)Mapping.ToLabel(target.Number(row()))));
        }
    }
}
