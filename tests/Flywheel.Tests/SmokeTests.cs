namespace Flywheel.Tests; public class SmokeTests { [Fact] public void Loads() => Assert.Equal("x", Flywheel.UseCases.UseCaseLoader.Parse("name: x\nstatement: s\n", "f.yaml").Name); }
