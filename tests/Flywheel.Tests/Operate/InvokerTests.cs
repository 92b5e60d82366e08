using Flywheel.Operate.Endpoints;
using Flywheel.Operate.Inference;
using Flywheel.Serving;
using Flywheel.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Flywheel.Tests.Operate;

/// <summary>Variant choice by weight and target, and the failures an invocation maps to 503 and 424.</summary>
public sealed class InvokerTests
{
    private static readonly ServingSpec Spec = new(MlTask.Binary, [new ServingInputColumn("x", true)], ["no", "yes"], new ServingPolicy("y", "yes", false, 0.5, null, null, null));

    // A chain that cannot be bound: every scorer made from it throws, as a broken model would while scoring.
    private sealed class BrokenModel : ITransformer
    {
        public bool IsRowToRowMapper => true;
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => throw new InvalidOperationException("broken chain");
        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new InvalidOperationException("broken chain");
        public IDataView Transform(IDataView input) => throw new InvalidOperationException("broken chain");
        public void Save(ModelSaveContext ctx) => throw new NotSupportedException();
    }

    private static EndpointState State(params VariantState[] variants) =>
        new(new EndpointDefinition("e", "/uc", variants.Select(v => v.Variant).ToList()), variants);

    [Fact]
    public void Weighted_choice_follows_the_weights_and_the_target_overrides_them()
    {
        var state = State(new VariantState(new EndpointVariant("a", "m:1", 3), null, null), new VariantState(new EndpointVariant("b", "m:2", 1), null, null),
            new VariantState(new EndpointVariant("s", "m:3", 5, Shadow: true), null, null));
        Assert.Equal("a", state.Choose(null, 0.0).Variant.Name);
        Assert.Equal("a", state.Choose(null, 0.7499).Variant.Name);
        Assert.Equal("b", state.Choose(null, 0.75).Variant.Name);
        Assert.Equal("b", state.Choose("b", 0.0).Variant.Name);
        Assert.Throws<RequestException>(() => state.Choose("s", 0.0)); // the shadow is never the answer
        Assert.False(state.Ready);
    }

    [Fact]
    public void No_model_loaded_is_not_ready_and_a_throwing_model_is_a_model_error()
    {
        var request = new InvocationRequest("text/csv", "1\n");
        var missing = Assert.Throws<InvocationException>(() => Invoker.Invoke(State(new VariantState(new EndpointVariant("a", "m:1"), null, "the package is gone")), request, 0));
        Assert.Equal(InvocationFailure.NotReady, missing.Failure);
        Assert.Contains("the package is gone", missing.Message, StringComparison.Ordinal);

        var broken = new LoadedModel(new ScoringModel(new BrokenModel(), Spec), "m:1", "abc");
        var failed = Assert.Throws<InvocationException>(() => Invoker.Invoke(State(new VariantState(new EndpointVariant("a", "m:1"), broken, null)), request, 0));
        Assert.Equal(InvocationFailure.ModelError, failed.Failure);
        Assert.Contains("m:1 failed to score the request: broken chain", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_are_validated_naming_the_field()
    {
        var error = Assert.Throws<InputException>(() => new EndpointDefinition("e", "/uc", [new EndpointVariant("a", "m:1"), new EndpointVariant("a", "m:2")]).Validate());
        Assert.Equal("variants", error.File);
        error = Assert.Throws<InputException>(() => new EndpointDefinition("bad name!", "/uc", [new EndpointVariant("a", "m:1")]).Validate());
        Assert.Equal("name", error.File);
        var definition = new EndpointDefinition("e", "/uc", [new EndpointVariant("a", "m@production", 2), new EndpointVariant("s", "m:2", Shadow: true)], 20).Validate();
        Assert.Equal(definition.Variants, EndpointDefinition.FromJson("e", "/uc", definition.ToJson()).Variants);
        Assert.Equal("production", definition.Variants[0].Alias);
    }
}
