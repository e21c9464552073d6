using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Core.Triage;

/// <summary>
/// The wire form of triage labels: lower-case names (<c>crisis</c>, <c>family</c>, <c>work</c>) and
/// Japanese left readable rather than escaped, for the CLI and the labeled sets.
/// </summary>
public static class TriageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        WriteIndented = false,
    };

    /// <summary>The wire name of a label, e.g. <c>crisis</c>.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>One line of a labeled set (<c>dialogs/triage/examples.jsonl</c>).</summary>
public sealed record LabeledMessage(string Text, RiskLevel Risk, Speaker Speaker, IReadOnlyList<Topic> Topics, bool Hard, string? Note);

/// <summary>One line of <c>chatbot triage</c> output.</summary>
public sealed record TriageLine(string Text, RiskLevel Risk, Speaker Speaker, IReadOnlyList<Topic> Topics, IReadOnlyList<string> Matches);
