using System.Reflection;
using NetArchTest.Rules;

namespace Flywheel.Tests.Architecture;

/// <summary>
/// The dependency rule of docs/architecture.md, checked on the compiled library: a stage uses only earlier stages,
/// Storage and the root namespace's shared types; Storage uses no stage; nothing uses the top layer; no host
/// framework type appears in the library.
/// </summary>
public class DependencyRuleTests
{
    private static readonly Assembly Library = typeof(InputException).Assembly;

    public static TheoryData<string> Stages() => new(LayerRules.Stages);

    [Theory]
    [MemberData(nameof(Stages))]
    public void A_stage_uses_no_later_stage_and_not_the_top_layer(string stage)
    {
        var broken = new List<string>();
        foreach (var later in LayerRules.ForbiddenFor(stage))
        {
            var result = Types.InAssembly(Library).That().ResideInNamespace(LayerRules.Namespace(stage))
                .ShouldNot().HaveDependencyOn(later).GetResult();
            broken.AddRange((result.FailingTypeNames ?? []).Where(type => !LayerRules.IsExcepted(type, later)).Select(type => $"{type} uses {later}"));
        }
        Assert.True(broken.Count == 0, $"{stage} must use only earlier stages and Storage:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Storage_and_the_shared_root_types_use_no_stage()
    {
        string[] everyLayer = [.. LayerRules.Stages.Select(LayerRules.Namespace), .. LayerRules.TopLayer];
        foreach (var infrastructure in LayerRules.Shared)
        {
            var result = Types.InAssembly(Library).That().ResideInNamespace(LayerRules.Namespace(infrastructure))
                .ShouldNot().HaveDependencyOnAny(everyLayer).GetResult();
            Assert.True(result.IsSuccessful, $"{infrastructure} uses a stage: " + string.Join(", ", result.FailingTypeNames ?? []));
        }

        var shared = Types.InAssembly(Library).That().ResideInNamespaceMatching($"^{LayerRules.Root}$")
            .And().DoNotHaveNameStartingWith("FlywheelContext")
            .ShouldNot().HaveDependencyOnAny(everyLayer).GetResult();
        Assert.True(shared.IsSuccessful, "A shared root type uses a stage: " + string.Join(", ", shared.FailingTypeNames ?? []));
    }

    [Fact]
    public void No_host_framework_type_leaks_into_the_library()
    {
        var result = Types.InAssembly(Library).That().DoNotHaveName(nameof(Flywheel.Operate.Access.UserAccounts))
            .ShouldNot().HaveDependencyOnAny([.. LayerRules.HostNamespaces]).GetResult();
        Assert.True(result.IsSuccessful, "Host types in the library: " + string.Join(", ", result.FailingTypeNames ?? []));
        // UserAccounts hashes with PasswordHasher<T>, which ships in Microsoft.Extensions.Identity.Core — a package with no
        // web host in it — under the namespace Microsoft.AspNetCore.Identity. That namespace, and nothing else of ASP.NET Core.
        var accounts = Types.InAssembly(Library).That().HaveName(nameof(Flywheel.Operate.Access.UserAccounts))
            .ShouldNot().HaveDependencyOnAny(["Spectre.Console", "System.CommandLine", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Builder",
                "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Components",
                "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization"]).GetResult();
        Assert.True(accounts.IsSuccessful, "UserAccounts uses ASP.NET Core beyond Identity's password hasher");
        var references = Library.GetReferencedAssemblies().Select(name => name.Name ?? "").ToList();
        Assert.DoesNotContain(references, name => LayerRules.HostNamespaces.Any(host => name.StartsWith(host, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_type_of_the_library_lives_in_a_known_layer()
    {
        // A new top-level folder would escape every rule above; it has to be placed in the order first.
        string[] known = [.. LayerRules.Stages, .. LayerRules.Shared, "Catalogs"];
        var outside = Library.GetTypes()
            .Where(type => type.Namespace is { } ns && ns != LayerRules.Root && ns.StartsWith(LayerRules.Root + ".", StringComparison.Ordinal))
            .Where(type => !known.Any(layer => type.Namespace == LayerRules.Namespace(layer) || type.Namespace!.StartsWith(LayerRules.Namespace(layer) + ".", StringComparison.Ordinal)))
            .Select(type => type.FullName)
            .ToList();
        Assert.True(outside.Count == 0, "Types outside the known layers: " + string.Join(", ", outside));
    }

    [Fact]
    public void The_rules_see_the_library()
    {
        // Guards against a rule that passes because it selects nothing (a renamed namespace, a wrong assembly).
        Assert.NotEmpty(Types.InAssembly(Library).That().ResideInNamespace("Flywheel.Reports").GetTypes());
        Assert.NotEmpty(Types.InAssembly(Library).That().ResideInNamespace("Flywheel.Workflows").And().HaveDependencyOn("Flywheel.Reports").GetTypes());
        Assert.Equal(["Flywheel.Reports", "Flywheel.Workflows", "Flywheel.Operate", "Flywheel.Catalogs", "Flywheel.FlywheelContext"], LayerRules.ForbiddenFor("Serving"));
    }
}
