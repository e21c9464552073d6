namespace ChatBot.Core.Bot;

/// <summary>
/// The greeting and first menu. The full conversations live as flows under <c>dialogs/</c>;
/// this is the doorway text the bot needs before any flow runs.
/// </summary>
internal sealed record BotTexts(string Locale, string Greeting, IReadOnlyList<string> Menu, IReadOnlyList<string> Answers, string Fallback)
{
    private static readonly BotTexts Japanese = new(
        "ja",
        "こんにちは。ここは、ひきこもりや生きづらさについて、匿名・無料で相談できるチャットです。名前や連絡先は聞きません。話したくないことは話さなくて大丈夫ですし、いつでもやめられます。\n\n今日はどんなことで来てくれましたか？",
        ["自分のこと", "家族・身近な人のこと", "支援について知りたい", "人と話したい"],
        [
            "話しに来てくれてありがとうございます。ゆっくりで大丈夫です。いま困っていることや、気になっていることを、言える範囲で教えてください。",
            "ご家族のことで来てくださったんですね。心配な気持ちを一人で抱えてこられたと思います。どんなご様子か、話せる範囲で教えてください。",
            "相談窓口、訪問（アウトリーチ）、居場所・当事者会、就労の準備の支援、オンラインでの相談など、いろいろな支援があります。どれも無理に何かをさせるものではありません。",
            "相談員と話したいのですね。相談員につなぐ準備をしています。少しだけお待ちください。",
        ],
        "教えてくれてありがとうございます。下のボタンから選ぶこともできます。");

    private static readonly BotTexts English = new(
        "en",
        "Hello. This is an anonymous, free chat about social withdrawal (hikikomori) and feeling stuck. We never ask for your name or contact details. You don't have to talk about anything you don't want to, and you can stop at any time.\n\nWhat brings you here today?",
        ["About me", "About my family", "What support exists", "Talk to a person"],
        [
            "Thank you for coming to talk. There is no hurry. Tell me, as much as you like, what is troubling you.",
            "You came because of someone in your family. It must have been hard to carry that worry alone. Tell me, as much as you like, how things are.",
            "There are consultation windows, home visits (outreach), places to be and peer groups, help preparing for work, and online consultation. None of them will make you do anything.",
            "You would like to talk to a counsellor. I am getting ready to connect you. Please wait a moment.",
        ],
        "Thank you for telling me. You can also choose one of the buttons below.");

    public static BotTexts For(string? locale) =>
        locale is not null && locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Japanese;

    public (string Text, int MenuIndex) AnswerTo(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        for (var i = 0; i < Menu.Count; i++)
        {
            if (string.Equals(trimmed, Menu[i], StringComparison.OrdinalIgnoreCase))
            {
                return (Answers[i], i);
            }
        }

        return (Fallback, -1);
    }
}
