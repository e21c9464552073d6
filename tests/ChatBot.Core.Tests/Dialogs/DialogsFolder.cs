using ChatBot.Core.Dialogs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Tests.Dialogs;

/// <summary>
/// A copy of the repository's <c>dialogs/</c> folder (without its tests) in a temporary directory, to
/// break on purpose. Errors are reported relative to the copy's parent, so they read <c>dialogs/flows/…</c>.
/// </summary>
internal sealed class DialogsFolder : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "chatbot-dialogs-tests", Guid.NewGuid().ToString("N"));

    public DialogsFolder()
    {
        Root = Path.Combine(_parent, "dialogs");
        Copy(RepoPaths.Dialogs, Root);
    }

    public string Root { get; }

    public void Write(string relative, string text) => File.WriteAllText(Path.Combine(Root, relative), text);

    public void Delete(string relative) => File.Delete(Path.Combine(Root, relative));

    public void Replace(string relative, string old, string replacement)
    {
        var path = Path.Combine(Root, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(old, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    /// <summary>Loads the folder the way the service does, with every action the application registers.</summary>
    public IReadOnlyList<string> Errors()
    {
        using var services = Services();
        return services.GetRequiredService<IDialogContentProvider>().Check().Errors.Select(e => e.ToString()).ToList();
    }

    public ServiceProvider Services() =>
        new ServiceCollection()
            .AddLogging()
            .AddChatBotCore(Configuration())
            .BuildServiceProvider();

    public IConfiguration Configuration(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Content:DialogsPath"] = Root,
            ["ConnectionStrings:ChatBot"] = $"Data Source={Path.Combine(_parent, "chatbot.db")}",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder the system cleans up.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(directory) != "tests")
            {
                Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
            }
        }
    }
}
