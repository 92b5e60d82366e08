using Flywheel.Registry;

namespace Flywheel.Tests.Registry;

public class ModelReferenceTests
{
    [Theory]
    [InlineData("churn@production", ModelReferenceKind.Alias, "churn", "production", null)]
    [InlineData("churn@@candidate", ModelReferenceKind.Alias, "churn", "candidate", null)]
    [InlineData("churn:3", ModelReferenceKind.Version, "churn", null, 3)]
    [InlineData("解約予測", ModelReferenceKind.Latest, "解約予測", null, null)]
    public void Names_with_alias_version_or_neither(string text, ModelReferenceKind kind, string name, string? alias, int? version)
    {
        var reference = ModelReference.Parse(text);

        Assert.Equal((kind, name, alias, version), (reference.Kind, reference.ModelName, reference.Alias, reference.Version));
    }

    [Theory]
    [InlineData("churn:0", "whole number from 1")]
    [InlineData("churn:latest", "whole number from 1")]
    [InlineData("churn@Prod", "lowercase word")]
    [InlineData("./no/such/folder", "no such file or folder")]
    [InlineData("", "is empty")]
    public void Malformed_references_say_what_was_expected(string text, string expected)
    {
        var error = Assert.Throws<InputException>(() => ModelReference.Parse(text));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_folder_that_is_neither_package_nor_use_case_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("flywheel-ref-").FullName;
        try
        {
            var error = Assert.Throws<InputException>(() => ModelReference.Parse(folder));
            Assert.Contains("neither a model package", error.Message);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
