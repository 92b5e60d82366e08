namespace Flywheel.Cli.Tests; public class SmokeTests { [Fact] public void Builds() => Assert.NotNull(Flywheel.Cli.FlywheelCli.Build()); }
