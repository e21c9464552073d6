namespace ChatBot.Web.Tests;

/// <summary>Finds files of the repository (such as the Direct Line client script) from a test's bin folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>A path under <c>tests/ChatBot.Web.Tests/</c>, e.g. <c>DirectLineJs</c>.</summary>
    public static string TestData(string relative) => Path.Combine(Root, "tests", "ChatBot.Web.Tests", relative);

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
