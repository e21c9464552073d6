using System.Security.Cryptography;
using ChatBot.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests.Privacy;

public sealed class PseudonymizerTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "chatbot-tests", Guid.NewGuid().ToString("N"), "data");

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_dataDirectory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_same_person_keeps_the_same_pseudonym_after_a_restart()
    {
        var first = await PseudonymAsync("line", "U4af4980629e1a3b1c2d3e4f5a6b7c8d9");
        var second = await PseudonymAsync("line", "U4af4980629e1a3b1c2d3e4f5a6b7c8d9");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_pseudonym_is_a_keyed_hash_that_reveals_nothing_of_the_id()
    {
        const string userId = "U4af4980629e1a3b1c2d3e4f5a6b7c8d9";

        var pseudonym = await PseudonymAsync("line", userId);

        Assert.Matches("^u_[A-Za-z0-9_-]{27}$", pseudonym);
        Assert.DoesNotContain("4af498", pseudonym, StringComparison.OrdinalIgnoreCase);
        var unkeyed = Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId)));
        Assert.NotEqual(unkeyed, pseudonym[2..]);
    }

    [Fact]
    public async Task Different_people_and_channels_get_different_pseudonyms()
    {
        var pseudonyms = new[]
        {
            await PseudonymAsync("line", "U1"),
            await PseudonymAsync("line", "U2"),
            await PseudonymAsync("directline", "U1"),
            await PseudonymAsync("lin", "eU1"),
        };

        Assert.Equal(pseudonyms.Length, pseudonyms.Distinct().Count());
    }

    [Fact]
    public async Task A_generated_key_is_kept_in_the_data_folder_readable_by_the_service_only()
    {
        await PseudonymAsync("line", "U1");

        var keyFile = Path.Combine(_dataDirectory, PseudonymKey.FileName);
        Assert.True(File.Exists(keyFile));
        Assert.True(Convert.FromBase64String(await File.ReadAllTextAsync(keyFile)).Length >= PseudonymKey.MinimumLength);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public async Task A_configured_key_is_used_instead_of_a_key_file()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var configured = await PseudonymAsync("line", "U1", key);
        var again = await PseudonymAsync("line", "U1", key);
        var generated = await PseudonymAsync("line", "U1");

        Assert.Equal(configured, again);
        Assert.NotEqual(configured, generated);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task A_configured_key_that_is_not_32_bytes_of_base64_stops_the_start(string key)
    {
        var error = await PrivacyHost.StartFailsAsync(Settings(key));

        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("Privacy:PseudonymKey", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_key_file_stops_the_start_instead_of_changing_every_pseudonym()
    {
        Directory.CreateDirectory(_dataDirectory);
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory, PseudonymKey.FileName), "damaged");

        var error = await PrivacyHost.StartFailsAsync(Settings(null));

        Assert.IsType<InvalidDataException>(error);
        Assert.Contains(PseudonymKey.FileName, error.Message, StringComparison.Ordinal);
    }

    private async Task<string> PseudonymAsync(string channel, string userId, string? key = null)
    {
        using var host = PrivacyHost.Build(Settings(key));
        await host.StartAsync(CancellationToken.None);
        var pseudonym = host.Services.GetRequiredService<IPseudonymizer>().Pseudonymize(channel, userId);
        await host.StopAsync(CancellationToken.None);
        return pseudonym;
    }

    private Dictionary<string, string?> Settings(string? key) => new()
    {
        ["DataDirectory"] = _dataDirectory,
        ["Content:DialogsPath"] = RepoPaths.Dialogs,
        ["Privacy:PseudonymKey"] = key,
    };
}
