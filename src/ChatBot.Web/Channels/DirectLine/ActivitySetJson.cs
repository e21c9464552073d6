using System.Globalization;
using ChatBot.Core.Conversations;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>
/// Direct Line's <c>ActivitySet</c>: <c>{"activities":[...],"watermark":"N"}</c>, serialised the way
/// Bot Framework serialises activities (Newtonsoft, nulls omitted, ISO-8601 UTC). The watermark is a
/// string and is left out for ephemeral activities such as typing.
/// </summary>
internal static class ActivitySetJson
{
    public static string Create(IEnumerable<Activity> activities, long? watermark)
    {
        var set = new JObject
        {
            ["activities"] = new JArray(activities.Select(a => JObject.FromObject(a, ActivityJson.Serializer))),
        };
        if (watermark is { } w)
        {
            set["watermark"] = w.ToString(CultureInfo.InvariantCulture);
        }

        return set.ToString(Newtonsoft.Json.Formatting.None);
    }

    public static StreamFrame Frame(LoggedActivity logged) => new(logged.Sequence, Create([logged.Activity], logged.Sequence));

    public static StreamFrame Ephemeral(Activity activity) => new(null, Create([activity], null));
}
