namespace ChatBot.Core.Content;

/// <summary>
/// Where the counsellor-readable content lives: flows, lexicons, catalogs and notices under
/// <c>dialogs/</c>, AI prompt functions under <c>prompts/</c>. Bound from the <c>Content</c> section.
/// Relative paths are looked up from the working directory and then upwards from the application,
/// so <c>dotnet run</c>, <c>dotnet test</c> and a published container all find the same folders.
/// </summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    public string DialogsPath { get; set; } = "dialogs";

    public string PromptsPath { get; set; } = "prompts";
}
