using ChatBot.Core.Handoff;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>
/// <c>chatbot counsellor add --username NAME --display-name NAME --role counsellor|supervisor --password-stdin</c>:
/// creates a console account in the configured database. The password is read from standard input (never
/// from the command line, where it would be left in shell history and process lists) and stored hashed.
/// <c>--team</c> (repeatable) names the municipalities the counsellor serves (area ids of <c>dialogs/resources/</c>);
/// without it they serve every one.
/// </summary>
internal sealed class CounsellorCommand : ICliCommand
{
    private const string UsageLine = "usage: chatbot counsellor add --username NAME --display-name NAME [--role counsellor|supervisor] [--team MUNICIPALITY ...] (--password-stdin | --no-password)";

    public string Name => "counsellor";

    public string Usage => "counsellor add --username NAME --display-name NAME --role counsellor|supervisor --password-stdin   create a console account";

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Args.Length == 0 || context.Args[0] != "add")
        {
            await context.Error.WriteLineAsync(UsageLine);
            return 2;
        }

        string? username = null, displayName = null, role = "counsellor";
        var teams = new List<string>();
        bool passwordStdin = false, noPassword = false;
        for (var i = 1; i < context.Args.Length; i++)
        {
            switch (context.Args[i])
            {
                case "--username" when i + 1 < context.Args.Length:
                    username = context.Args[++i];
                    break;
                case "--display-name" when i + 1 < context.Args.Length:
                    displayName = context.Args[++i];
                    break;
                case "--role" when i + 1 < context.Args.Length:
                    role = context.Args[++i];
                    break;
                case "--team" when i + 1 < context.Args.Length:
                    teams.Add(context.Args[++i]);
                    break;
                case "--password-stdin":
                    passwordStdin = true;
                    break;
                case "--no-password":
                    noPassword = true; // for accounts that sign in with OpenID Connect only
                    break;
                default:
                    await context.Error.WriteLineAsync($"chatbot counsellor add: unexpected argument '{context.Args[i]}'.");
                    await context.Error.WriteLineAsync(UsageLine);
                    return 2;
            }
        }

        if (username is null || displayName is null || passwordStdin == noPassword || role is not ("counsellor" or "supervisor"))
        {
            await context.Error.WriteLineAsync(UsageLine);
            return 2;
        }

        string? password = null;
        if (passwordStdin)
        {
            password = (await context.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                await context.Error.WriteLineAsync("chatbot counsellor add: no password on standard input.");
                return 2;
            }
        }

        await using var services = await CliServices.BuildAsync(context.Configuration, cancellationToken);
        try
        {
            var areas = services.GetRequiredService<ChatBot.Core.Dialogs.IDialogContentProvider>().Current.Resources.Areas.Select(a => a.Id).ToList();
            if (teams.FirstOrDefault(t => !areas.Contains(t, StringComparer.Ordinal)) is { } unknown)
            {
                await context.Error.WriteLineAsync($"chatbot counsellor add: '{unknown}' is not an area id of dialogs/resources/ (known: {string.Join(", ", areas)}).");
                return 2;
            }

            var directory = services.GetRequiredService<ICounsellorDirectory>();
            var counsellor = await directory.CreateAsync(
                username, displayName, role == "supervisor" ? CounsellorRole.Supervisor : CounsellorRole.Counsellor, password, cancellationToken);
            if (teams.Count > 0)
            {
                counsellor = await directory.SetTeamsAsync(counsellor, teams, cancellationToken);
            }

            await services.GetRequiredService<ChatBot.Core.Retention.IAuditLog>().WriteAsync("cli", "counsellor.created", null, "username=" + counsellor.Username, cancellationToken);
            await context.Out.WriteLineAsync($"created {role} '{counsellor.Username}' (shown to people as '{counsellor.DisplayName}')"
                + (counsellor.Teams.Count > 0 ? $", serving {string.Join(", ", counsellor.Teams)}." : ", serving every municipality."));
            return 0;
        }
        catch (ArgumentException ex)
        {
            await context.Error.WriteLineAsync("chatbot counsellor add: " + ex.Message.Split(" (Parameter", 2)[0]);
            return 1;
        }
    }
}
