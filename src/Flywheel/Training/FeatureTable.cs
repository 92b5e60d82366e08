using Flywheel.Tasks;
using Flywheel.Training.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Training;

/// <summary>
/// Preprocessed rows held in memory: a feature vector and a numeric label per row (binary: 0/1, multiclass: class
/// index, regression: the value). The search fits many models on the same rows, and cross-validation needs to
/// regroup them, so they are read once out of the preprocessing output.
/// </summary>
public sealed class FeatureTable
{
    public FeatureTable(MlTask task, IReadOnlyList<float[]> features, IReadOnlyList<double> labels, int featureCount, int classCount = 0)
    {
        if (features.Count != labels.Count) throw new ArgumentException("one label per row is needed");
        if (task == MlTask.Multiclass && classCount < 2) throw new ArgumentException("multiclass needs the number of classes");
        Task = task;
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = task switch { MlTask.Binary => 2, MlTask.Multiclass => classCount, _ => 0 };
    }

    public MlTask Task { get; }
    public IReadOnlyList<float[]> Features { get; }
    public IReadOnlyList<double> Labels { get; }
    public int FeatureCount { get; }
    public int ClassCount { get; }
    public int RowCount => Labels.Count;

    public FeatureTable Rows(IEnumerable<int> indices)
    {
        var list = indices.ToList();
        return new FeatureTable(Task, list.Select(i => Features[i]).ToList(), list.Select(i => Labels[i]).ToList(), FeatureCount, ClassCount);
    }

    public FeatureTable Concat(FeatureTable other) =>
        new(Task, Features.Concat(other.Features).ToList(), Labels.Concat(other.Labels).ToList(), FeatureCount, ClassCount);

    /// <summary>
    /// Reads "Features" (a vector of Single) and "Label" out of a preprocessed view. The label may be Boolean
    /// (binary), a key (multiclass, 1-based), or a number (any task; for classification it is the class index).
    /// </summary>
    public static FeatureTable FromDataView(IDataView data, MlTask task, int classCount = 0)
    {
        var featureColumn = data.Schema.GetColumnOrNull(TrainerColumns.Features)
            ?? throw new InvalidOperationException("the preprocessed data has no 'Features' column");
        var labelColumn = data.Schema.GetColumnOrNull(TrainerColumns.Label)
            ?? throw new InvalidOperationException("the preprocessed data has no 'Label' column");
        if (featureColumn.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: > 0 } vectorType || vectorType.ItemType != NumberDataViewType.Single)
            throw new InvalidOperationException($"'Features' must be a known-size vector of Single, not {featureColumn.Type}");

        var features = new List<float[]>();
        var labels = new List<double>();
        using var cursor = data.GetRowCursor([featureColumn, labelColumn]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
        var getLabel = LabelGetter(cursor, labelColumn);
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getFeatures(ref buffer);
            features.Add(buffer.DenseValues().ToArray());
            labels.Add(getLabel());
        }
        return new FeatureTable(task, features, labels, vectorType.Size, classCount);
    }

    private static Func<double> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        switch (column.Type)
        {
            case BooleanDataViewType:
            {
                var get = cursor.GetGetter<bool>(column);
                return () => { var value = false; get(ref value); return value ? 1 : 0; };
            }
            case KeyDataViewType:
            {
                var get = cursor.GetGetter<uint>(column);
                return () => { uint value = 0; get(ref value); return value == 0 ? double.NaN : value - 1; };
            }
            case NumberDataViewType when column.Type.RawType == typeof(float):
            {
                var get = cursor.GetGetter<float>(column);
                return () => { float value = 0; get(ref value); return value; };
            }
            case NumberDataViewType when column.Type.RawType == typeof(double):
            {
                var get = cursor.GetGetter<double>(column);
                return () => { double value = 0; get(ref value); return value; };
            }
            default:
                throw new InvalidOperationException($"'Label' must be Boolean, a key or a number, not {column.Type}");
        }
    }

    /// <summary>The rows as an ML.NET view with the label type each task's trainers expect.</summary>
    public IDataView ToDataView(MLContext ml)
    {
        var vector = new VectorDataViewType(NumberDataViewType.Single, FeatureCount);
        switch (Task)
        {
            case MlTask.Binary:
            {
                var schema = SchemaDefinition.Create(typeof(BinaryRow));
                schema[nameof(BinaryRow.Features)].ColumnType = vector;
                return ml.Data.LoadFromEnumerable(Enumerable.Range(0, RowCount).Select(i => new BinaryRow { Features = Features[i], Label = Labels[i] > 0.5 }), schema);
            }
            case MlTask.Multiclass:
            {
                var schema = SchemaDefinition.Create(typeof(KeyRow));
                schema[nameof(KeyRow.Features)].ColumnType = vector;
                schema[nameof(KeyRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), ClassCount);
                // LoadFromEnumerable takes key values zero-based and stores them one-based (0 is "missing").
                return ml.Data.LoadFromEnumerable(Enumerable.Range(0, RowCount).Select(i => new KeyRow { Features = Features[i], Label = (uint)Labels[i] }), schema);
            }
            default:
            {
                var schema = SchemaDefinition.Create(typeof(RegressionRow));
                schema[nameof(RegressionRow.Features)].ColumnType = vector;
                return ml.Data.LoadFromEnumerable(Enumerable.Range(0, RowCount).Select(i => new RegressionRow { Features = Features[i], Label = (float)Labels[i] }), schema);
            }
        }
    }

    private sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    private sealed class KeyRow
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }

    private sealed class RegressionRow
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
