using ChatBot.Core.Privacy;

namespace ChatBot.Core.Tests.Privacy;

/// <summary>A temporary copy of <c>dialogs/privacy/</c> a test may change.</summary>
internal sealed class PrivacyContent : IDisposable
{
    private PrivacyContent()
    {
        Dialogs = Path.Combine(Path.GetTempPath(), "chatbot-tests", Guid.NewGuid().ToString("N"), "dialogs");
        PrivacyFolder = RedactionLexicon.Folder(Dialogs);
        Directory.CreateDirectory(PrivacyFolder);
        foreach (var file in Directory.GetFiles(RedactionLexicon.Folder(RepoPaths.Dialogs)))
        {
            File.Copy(file, Path.Combine(PrivacyFolder, Path.GetFileName(file)));
        }
    }

    public string Dialogs { get; }

    public string PrivacyFolder { get; }

    public string PublicNumbersPath => Path.Combine(PrivacyFolder, RedactionLexicon.PublicNumbersFile);

    public static PrivacyContent CopyOfRepository() => new();

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(Dialogs)!, recursive: true);
}
