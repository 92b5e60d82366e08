using System.Text.Json;
using Flywheel.Serving;

namespace Flywheel.Operate.Inference;

/// <summary>Which protocol a request spoke, read from its content type and shape; decides the error shape answered.</summary>
public enum RequestShape
{
    /// <summary>SageMaker <c>text/csv</c>: rows without a header, columns in the model's input order.</summary>
    SageMakerCsv,
    /// <summary>MLflow <c>text/csv</c>: a header row naming the columns.</summary>
    MlflowCsv,
    /// <summary>SageMaker-style JSON: <c>{"instances":[…]}</c>, a list of records, or one record.</summary>
    SageMakerJson,
    /// <summary>MLflow JSON: <c>dataframe_split</c>, <c>dataframe_records</c> or <c>inputs</c> (+ <c>params</c>).</summary>
    MlflowJson,
    /// <summary><c>application/jsonlines</c>: one record per line.</summary>
    JsonLines,
}

/// <summary>One input row, values by input position (<see cref="ServingSpec.Inputs"/>): numbers (NaN missing) or text (null missing).</summary>
public sealed class InputRow
{
    internal InputRow(int inputs)
    {
        Numbers = new double[inputs];
        Texts = new string?[inputs];
        Array.Fill(Numbers, double.NaN);
    }

    public double[] Numbers { get; }
    public string?[] Texts { get; }

    internal void Fill(IRowScorer scorer, IReadOnlyList<ServingInputColumn> inputs, int skip = -1)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Numeric) scorer.SetNumber(i, i == skip ? double.NaN : Numbers[i]);
            else scorer.SetText(i, i == skip ? null : Texts[i]);
        }
    }

    /// <summary>The value as a request would write it (for explanations): a number, text or null.</summary>
    public object? Value(int input, bool numeric) => numeric ? (double.IsNaN(Numbers[input]) ? null : Numbers[input]) : Texts[input];
}

/// <summary>A decoded request: its rows, the protocol it spoke and MLflow's <c>params</c> when given.</summary>
public sealed record RequestRows(IReadOnlyList<InputRow> Rows, RequestShape Shape, JsonElement? Params = null)
{
    public bool IsMlflow => Shape is RequestShape.MlflowCsv or RequestShape.MlflowJson;
}

/// <summary>
/// A request that does not decode: the message names the row and column (<c>row 3, column 'tenure': must be a
/// number, not 'abc'</c>); <see cref="Mlflow"/> tells the server to answer in MLflow's error shape.
/// </summary>
public sealed class RequestException(string message, string? element, bool mlflow, bool tooLarge = false) : FlywheelException(message)
{
    public override ErrorKind Kind => ErrorKind.Validation;
    public string? Element { get; } = element;
    public bool Mlflow { get; } = mlflow;

    /// <summary>The request has more rows than the server takes in one request (413).</summary>
    public bool TooLarge { get; } = tooLarge;
}
