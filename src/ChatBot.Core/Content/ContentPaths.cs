namespace ChatBot.Core.Content;

/// <summary>Resolves the content folders named in <see cref="ContentOptions"/> to absolute paths.</summary>
public static class ContentPaths
{
    public static string Dialogs(ContentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Resolve(options.DialogsPath);
    }

    public static string Prompts(ContentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Resolve(options.PromptsPath);
    }

    /// <summary>
    /// An absolute path is taken as it is. A relative one is tried against the working directory,
    /// then against the application folder and each of its parents (a test or a published app
    /// runs from deep inside <c>bin/</c>). When nothing exists, the working-directory path is
    /// returned so the error names the place a person would look first.
    /// </summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var fromWorkingDirectory = Path.GetFullPath(path);
        if (Directory.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return fromWorkingDirectory;
    }
}
