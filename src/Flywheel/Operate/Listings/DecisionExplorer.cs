using Flywheel.Evaluation.Decisions;
using Flywheel.Registry;
using Flywheel.Serving;
using Flywheel.Storage;
using Flywheel.Tasks;
using Flywheel.UseCases;
using Flywheel.Workflows;

namespace Flywheel.Operate.Listings;

/// <summary>A point to price: the threshold and the review band [lower, upper) (no band when both are null).</summary>
public sealed record ExplorerPoint(double Threshold, double? ReviewLower, double? ReviewUpper)
{
    public DecisionRule Rule => new(Threshold, ReviewLower, ReviewUpper);
}

/// <summary>The rule priced on the rows it was chosen on and on test (never for tuning).</summary>
public sealed record PricedPoint(ExplorerPoint Point, DecisionPoint Validation, DecisionPoint Test);

/// <summary>
/// A version's decision at one point (<c>GET /api/v1/models/{name}/versions/{version}/decision</c>): that point and the
/// package's chosen point, each on the choice rows ("validation": the validation split or out-of-fold predictions,
/// <see cref="ChosenOn"/>) and on test, and the non-ML alternatives (act on all / none / the plan's rules) on both.
/// </summary>
public sealed record DecisionExploration(string Model, int Version, string ChosenOn, string Currency, double? VolumePerDay, bool ReviewPriced,
    DecisionPoint Validation, DecisionPoint Test, PricedPoint Chosen, IReadOnlyList<AlternativeValue> Alternatives)
{
    public ExplorerPoint Point => new(Validation.Threshold, Validation.ReviewBand?.Lower, Validation.ReviewBand?.Upper);
}

/// <summary>
/// One binary model version ready to be priced at any point: its scored rows sorted once (<see cref="DecisionPoints"/>),
/// the use case's prices, its chosen point and the alternatives priced once. <see cref="At"/> is what the decision
/// explorer page calls on every slider move and what the API route answers, so both show the same numbers.
/// </summary>
public sealed class ModelDecisions
{
    private readonly DecisionPoints _choice;
    private readonly DecisionPoints _test;
    private readonly BinaryOutcomeValues _outcomes;
    private readonly DecisionOptions _options;
    private readonly DecisionRowsFile _rows;

    private ModelDecisions(string model, int version, DecisionRowsFile rows, ExplorerPoint chosen, BinaryOutcomeValues outcomes, DecisionOptions options)
    {
        (Model, Version, _rows, ChosenPoint, _outcomes, _options) = (model, version, rows, chosen, outcomes, options);
        _choice = DecisionPoints.Of(rows.Choice.Predictions());
        _test = DecisionPoints.Of(rows.Test.Predictions());
        Alternatives = BinaryPricing.Constant(rows.Choice.Labels, rows.Test.Labels, outcomes, options)
            .Concat(rows.Rules.Select(r => BinaryPricing.Rule(r.Step, r.Text, rows.Choice.Labels, r.Choice, rows.Test.Labels, r.Test, outcomes, options)))
            .Select(a => new AlternativeValue(a.Name, a.Description, a.Choice.ValuePerItem(), a.Test.ValuePerItem()))
            .ToList();
        Chosen = Price(chosen);
    }

    public string Model { get; }
    public int Version { get; }
    public ExplorerPoint ChosenPoint { get; }
    public PricedPoint Chosen { get; }
    public IReadOnlyList<AlternativeValue> Alternatives { get; }
    public string ChosenOn => _rows.ChosenOn;
    public string Currency => _outcomes.Currency;
    public double? VolumePerDay => _options.VolumePerDay;
    public bool ReviewPriced => _options.Review is not null;

    /// <summary>
    /// Opens <paramref name="model"/>:<paramref name="version"/> with <paramref name="useCase"/>'s prices. Not found: an
    /// unknown model or version. Bad input: a model that is not binary. Conflict: a package without scored rows, or a
    /// use case that prices no binary outcomes.
    /// </summary>
    public static async Task<ModelDecisions> OpenAsync(MetadataStore store, UseCase useCase, string model, int version, CancellationToken cancellation = default)
    {
        RegistryNames.CheckModelName(model, "name");
        var versions = await store.Models.ListVersionsAsync(model, cancellation);
        if (versions.Count == 0) throw new NotFoundException($"unknown model '{model}'", "model");
        var found = versions.FirstOrDefault(v => v.Version == version)
            ?? throw new NotFoundException($"model '{model}' has no version {version}; its versions: {string.Join(", ", versions.Select(v => v.Version))}", "version");
        var package = ModelPackage.Open(store.Artifacts.Get(found.PackageId).Path);
        if (MlTasks.Parse(package.Manifest.Task) != MlTask.Binary)
            throw new InputException($"model '{model}' version {version} is {package.Manifest.Task}: the decision explorer prices a binary model's threshold and review band", "threshold");
        var prices = useCase.Decision is { } section ? DecisionSettings.From(section) : null;
        var outcomes = prices?.Binary
            ?? throw new ConflictException($"use case '{useCase.Name}' prices no binary outcomes ('decision.outcomes' with tp, fp, fn, tn); add them to price its decisions", "decision.outcomes");
        var policy = ServingSpec.FromManifest(package.Manifest, package.Path).Policy;
        var chosen = new ExplorerPoint(policy.Threshold ?? 0.5, policy.ReviewLower, policy.ReviewUpper);
        return new ModelDecisions(model, version, DecisionRowsFile.Read(package), chosen, outcomes, prices.Options);
    }

    /// <summary>The decision at a point given as query values; null values take the chosen point's (the band only when no threshold is given).</summary>
    public DecisionExploration At(double? threshold, double? reviewLower, double? reviewUpper) => At(PointOf(threshold, reviewLower, reviewUpper));

    public DecisionExploration At(ExplorerPoint point)
    {
        var priced = Price(point);
        return new DecisionExploration(Model, Version, ChosenOn, Currency, VolumePerDay, ReviewPriced, priced.Validation, priced.Test, Chosen, Alternatives);
    }

    private PricedPoint Price(ExplorerPoint point) => new(point,
        _choice.At(point.Rule, _outcomes, _options, _rows.Negative, _rows.Positive),
        _test.At(point.Rule, _outcomes, _options, _rows.Negative, _rows.Positive));

    /// <summary>Checks the query: each value in [0, 1], both band ends or neither, lower ≤ upper, a band only when review is priced.</summary>
    public ExplorerPoint PointOf(double? threshold, double? reviewLower, double? reviewUpper)
    {
        if (threshold is null && reviewLower is null && reviewUpper is null) return ChosenPoint;
        Probability(threshold, "threshold");
        Probability(reviewLower, "reviewLower");
        Probability(reviewUpper, "reviewUpper");
        if (reviewLower is null != reviewUpper is null)
            throw new InputException("give both reviewLower and reviewUpper (the review band [lower, upper)), or neither for no band", reviewLower is null ? "reviewLower" : "reviewUpper");
        if (reviewLower > reviewUpper)
            throw new InputException($"reviewLower {reviewLower} is above reviewUpper {reviewUpper}; the review band is [lower, upper)", "reviewLower");
        if (reviewLower is not null && !ReviewPriced)
            throw new InputException("the use case prices no review ('decision.review' with cost and minutes), so there is no review band to set", "reviewLower");
        return new ExplorerPoint(threshold ?? ChosenPoint.Threshold, reviewLower, reviewUpper);
    }

    private static void Probability(double? value, string field)
    {
        if (value is { } v && !(v >= 0 && v <= 1))
            throw new InputException($"{field} is a score between 0 and 1, not {v}", field);
    }
}
