using Flywheel.Cli;

return await FlywheelCli.RunAsync(args);
