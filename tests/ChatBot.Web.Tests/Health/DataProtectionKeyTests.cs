using ChatBot.Web.Tests.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Health;

/// <summary>
/// The key ring that encrypts LINE routing records, call-back contacts and console cookies is kept with the data,
/// so what was encrypted before a restart (a container replaced, a deployment) can still be read after it.
/// </summary>
public sealed class DataProtectionKeyTests
{
    [Fact]
    public async Task What_was_encrypted_before_a_restart_is_readable_after_it()
    {
        await using var server = ChatBotServer.Start();
        var sealedText = server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("to be read later");

        await server.RestartAsync();
        var opened = server.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText);

        Assert.Equal("to be read later", opened);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(server.Directory, "keys"), "key-*.xml"));
    }
}
