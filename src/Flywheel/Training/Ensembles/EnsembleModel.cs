using Flywheel.Tasks;
using Flywheel.Training.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Flywheel.Training.Ensembles;

/// <summary>
/// An ensemble as one ML.NET transformer chain, saved and loaded like any single model: each member predicts from
/// "Features" and its output (Probability for binary, Score otherwise) is copied to a member column; the member
/// columns are concatenated (a member picked twice appears twice) and averaged by <see cref="EnsembleMeanFactory"/>
/// or <see cref="EnsembleClassMeanFactory"/> into the standard output column. A host that loads the chain must
/// register this assembly first (<see cref="Register"/>).
/// </summary>
public static class EnsembleModel
{
    /// <summary>Every column the ensemble adds on the way starts with this, and is dropped at the end.</summary>
    private const string ScratchPrefix = "Ensemble";
    private const string MemberPrefix = ScratchPrefix + "Member";

    /// <summary>Makes the averaging mappings known to <c>ml.Model.Load</c>.</summary>
    public static void Register(MLContext ml) => ml.ComponentCatalog.RegisterAssembly(typeof(EnsembleModel).Assembly);

    /// <param name="members">Fitted members, each reading "Features".</param>
    /// <param name="counts">How many times each member was picked (its weight is count / total).</param>
    /// <param name="rows">Rows with the members' input schema; only the schema is used.</param>
    public static ITransformer Build(MLContext ml, MlTask task, IReadOnlyList<ITransformer> members, IReadOnlyList<int> counts, IDataView rows)
    {
        if (members.Count == 0 || members.Count != counts.Count || counts.Any(c => c < 1))
            throw new ArgumentException("one positive count per member is needed", nameof(counts));
        var output = task == MlTask.Binary ? "Probability" : "Score";
        var steps = new List<ITransformer>();
        var view = rows;
        void Add(ITransformer step)
        {
            steps.Add(step);
            view = step.Transform(view);
        }

        for (var m = 0; m < members.Count; m++)
        {
            Add(members[m]);
            Add(ml.Transforms.CopyColumns(MemberPrefix + m, output).Fit(view));
        }
        var concatenated = Enumerable.Range(0, members.Count).SelectMany(m => Enumerable.Repeat(MemberPrefix + m, counts[m])).ToArray();
        Add(ml.Transforms.Concatenate(EnsembleMeanFactory.MembersColumn, concatenated).Fit(view));
        if (task == MlTask.Multiclass)
        {
            Add(ml.Transforms.CopyColumns(EnsembleClassMeanFactory.FirstMemberColumn, MemberPrefix + 0).Fit(view));
            Add(ml.Transforms.CustomMapping(new EnsembleClassMeanFactory().GetMapping(), EnsembleClassMeanFactory.ContractName).Fit(view));
        }
        else
        {
            Add(ml.Transforms.CustomMapping(new EnsembleMeanFactory().GetMapping(), EnsembleMeanFactory.ContractName).Fit(view));
        }
        Add(ml.Transforms.CopyColumns(output, EnsembleMeanFactory.MeanColumn).Fit(view));
        // What the last member left in the other output columns (its raw score, its predicted label) is not the ensemble's.
        var stale = task switch
        {
            MlTask.Binary => new[] { "Score", "PredictedLabel" },
            MlTask.Multiclass => ["PredictedLabel"],
            _ => [],
        };
        var scratch = view.Schema.Select(c => c.Name).Where(name => name.StartsWith(ScratchPrefix, StringComparison.Ordinal)).Distinct();
        Add(ml.Transforms.DropColumns([.. stale, .. scratch]).Fit(view));
        return new TransformerChain<ITransformer>([.. steps]);
    }
}

/// <summary>The members' outputs one after another (binary, regression: one value per pick).</summary>
public sealed class EnsembleMeanInput
{
    [ColumnName(EnsembleMeanFactory.MembersColumn)]
    public float[] Members { get; set; } = [];
}

public sealed class EnsembleMeanOutput
{
    [ColumnName(EnsembleMeanFactory.MeanColumn)]
    public float Mean { get; set; }
}

/// <summary>The mean of the picks' probabilities (binary) or predicted values (regression).</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class EnsembleMeanFactory : CustomMappingFactory<EnsembleMeanInput, EnsembleMeanOutput>
{
    public const string ContractName = "Flywheel.EnsembleMean";
    public const string MembersColumn = "EnsembleMembers";
    public const string MeanColumn = "EnsembleMean";

    public static void Map(EnsembleMeanInput input, EnsembleMeanOutput output)
    {
        double sum = 0;
        foreach (var value in input.Members) sum += value;
        output.Mean = (float)(sum / input.Members.Length);
    }

    public override Action<EnsembleMeanInput, EnsembleMeanOutput> GetMapping() => Map;
}

/// <summary>The picks' class probabilities one pick after another, and the first pick's alone (its length is the class count).</summary>
public sealed class EnsembleClassMeanInput
{
    [ColumnName(EnsembleMeanFactory.MembersColumn)]
    public float[] Members { get; set; } = [];

    [ColumnName(EnsembleClassMeanFactory.FirstMemberColumn)]
    public float[] FirstMember { get; set; } = [];
}

public sealed class EnsembleClassMeanOutput
{
    [ColumnName(EnsembleMeanFactory.MeanColumn)]
    public float[] Mean { get; set; } = [];
}

/// <summary>The mean class probability over the picks, class by class (multiclass).</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class EnsembleClassMeanFactory : CustomMappingFactory<EnsembleClassMeanInput, EnsembleClassMeanOutput>
{
    public const string ContractName = "Flywheel.EnsembleClassMean";
    public const string FirstMemberColumn = "EnsembleFirstMember";

    public static void Map(EnsembleClassMeanInput input, EnsembleClassMeanOutput output)
    {
        var classes = input.FirstMember.Length;
        var picks = input.Members.Length / classes;
        var mean = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            double sum = 0;
            for (var p = 0; p < picks; p++) sum += input.Members[p * classes + c];
            mean[c] = (float)(sum / picks);
        }
        output.Mean = mean;
    }

    public override Action<EnsembleClassMeanInput, EnsembleClassMeanOutput> GetMapping() => Map;
}
