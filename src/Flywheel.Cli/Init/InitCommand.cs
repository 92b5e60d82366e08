using System.CommandLine;
using Flywheel.Value;
using Spectre.Console;

namespace Flywheel.Cli.Init;

/// <summary><c>flywheel init DIR --template staffing|qcd|churn|review|blank</c>: a commented starting flywheel.yaml.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("dir") { Description = "The use-case folder to create or fill", DefaultValueFactory = _ => "." };
        var template = new Option<string>("--template", "-t")
        {
            Description = $"How the model is priced: {string.Join(", ", UseCaseTemplates.Names)}",
            DefaultValueFactory = _ => "blank",
        };
        template.AcceptOnlyFromAmong([.. UseCaseTemplates.Names]);

        var command = new Command("init", "Write a commented starting flywheel.yaml from a template") { folder, template };
        command.SetAction(parseResult =>
        {
            var directory = parseResult.GetValue(folder)!;
            var file = UseCaseTemplates.Write(directory, parseResult.GetValue(template)!);
            AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(file)}[/]; next: [bold]flywheel value {Markup.Escape(directory)}[/]");
            return ExitCodes.Ok;
        });
        return command;
    }
}
