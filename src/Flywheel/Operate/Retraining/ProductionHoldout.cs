using Flywheel.Operate.Production;
using Flywheel.UseCases;

namespace Flywheel.Operate.Retraining;

/// <summary>
/// The fresh holdout: the most recent <see cref="ProductionSource.Holdout"/> share of the labelled production rows by
/// inference time (rounded up, at least <see cref="ProductionSource.MinHoldout"/>), never trained on by either model;
/// the earlier rows are the ones retraining adds. Rows of one inference stay on one side.
/// </summary>
public static class ProductionHoldout
{
    public static (ProductionDataset Holdout, ProductionDataset Earlier) Split(ProductionDataset dataset, ProductionSource settings)
    {
        var rows = dataset.Rows;
        if (rows.Count < settings.MinHoldout)
            throw new InputException($"endpoint '{dataset.Endpoint}' has {rows.Count} labelled production row(s) in the window; the comparison holds out at least {settings.MinHoldout} (data.production.min_holdout). Post ground truth or review more items first", "data.production");
        var wanted = Math.Max(settings.MinHoldout, (int)Math.Ceiling(settings.Holdout * rows.Count));
        var cut = Math.Max(0, rows.Count - wanted);
        // Keep a request's rows together: move the cut back to the first row of its inference.
        while (cut > 0 && rows[cut - 1].InferenceId == rows[cut].InferenceId && rows[cut - 1].InferenceTime == rows[cut].InferenceTime) cut--;
        return (dataset with { Rows = rows.Skip(cut).ToList() }, dataset with { Rows = rows.Take(cut).ToList() });
    }
}
