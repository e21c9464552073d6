using ChatBot.Core.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace ChatBot.Web.Hosting;

/// <summary>
/// Where the Data Protection key ring lives. It encrypts the LINE routing records, call-back contacts and the
/// console's cookies, so losing it makes those unreadable: it is kept with the data (<c>{DataDirectory}/keys</c>)
/// unless <c>DataProtection:KeysDirectory</c> names a shared folder (several instances must share one key ring).
/// </summary>
internal static class DataProtectionKeys
{
    public const string ApplicationName = "ChatBot";

    public static WebApplicationBuilder AddPersistentDataProtection(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["DataProtection:KeysDirectory"];
        var dataDirectory = builder.Configuration["DataDirectory"] is { Length: > 0 } d ? d : "data";
        var directory = new DirectoryInfo(KeyFile.EnsureOwnerOnlyDirectory(configured is { Length: > 0 } ? configured : Path.Combine(dataDirectory, "keys")));
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToFileSystem(directory);
        return builder;
    }
}
