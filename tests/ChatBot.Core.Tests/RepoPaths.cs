namespace ChatBot.Core.Tests;

/// <summary>Finds files of the repository (content under dialogs/, labeled sets under tests/) from a test's bin folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Dialogs => Path.Combine(Root, "dialogs");

    public static string Prompts => Path.Combine(Root, "prompts");

    /// <summary>A file under <c>tests/ChatBot.Core.Tests/</c>, e.g. <c>Triage/heldout-1.jsonl</c>.</summary>
    public static string TestData(string relative) => Path.Combine(Root, "tests", "ChatBot.Core.Tests", relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatBot.sln was not found above " + AppContext.BaseDirectory);
    }
}
