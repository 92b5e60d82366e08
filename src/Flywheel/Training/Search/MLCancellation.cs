using System.Reflection;
using Microsoft.ML;

namespace Flywheel.Training.Search;

/// <summary>
/// <c>MLContext.CancelExecution</c>, which ML.NET makes public only in Microsoft.ML.Experimental (a package this
/// platform does not serve); the method itself is in Microsoft.ML.Data, internal. Reached once by reflection; a test
/// pins that it exists and that it stops a fit.
/// </summary>
internal static class MLCancellation
{
    private static readonly MethodInfo? CancelMethod =
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, Type.EmptyTypes);

    public static bool Available => CancelMethod is not null;

    public static void Cancel(MLContext ml) => CancelMethod?.Invoke(ml, null);
}
