namespace Flywheel.Data.Preprocessing;

/// <summary>
/// The shape of the "Label" column a prepared data set carries: Boolean for binary classification, a key
/// (UInt32, classes in <see cref="LabelMapping.Classes"/> order) for multiclass, Single for regression.
/// </summary>
public enum LabelKind
{
    Binary,
    Multiclass,
    Regression,
}
