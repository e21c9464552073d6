using ChatBot.Core.Callback;

namespace ChatBot.Core.Tests.Callback;

public sealed class CallbackContactTests
{
    [Theory]
    [InlineData("090-1234-5678", "090-1234-5678")]
    [InlineData("09012345678", "09012345678")]
    [InlineData("０９０－１２３４－５６７８", "090-1234-5678")]
    [InlineData("０９０ー１２３４ー５６７８です", "090-1234-5678")]
    [InlineData("電話は 03(1234)5678 にお願いします", "03(1234)5678")]
    [InlineData("0120 123 456", "0120 123 456")]
    [InlineData("+81 90 1234 5678", "+81 90 1234 5678")]
    [InlineData("+44 20 7946 0958", "+44 20 7946 0958")]
    public void Phone_numbers_are_found_however_they_are_written(string typed, string expected)
    {
        Assert.True(CallbackContact.TryFind(typed, out var contact));
        Assert.Equal(ContactKind.Phone, contact.Kind);
        Assert.Equal(expected, contact.Value);
    }

    [Theory]
    [InlineData("name@example.jp", "name@example.jp")]
    [InlineData("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", "taro@example.com")]
    [InlineData("メールは taro.yamada+cb@mail.example.co.jp です", "taro.yamada+cb@mail.example.co.jp")]
    [InlineData("09012345678@docomo.ne.jp", "09012345678@docomo.ne.jp")]
    public void Email_addresses_are_found(string typed, string expected)
    {
        Assert.True(CallbackContact.TryFind(typed, out var contact));
        Assert.Equal(ContactKind.Email, contact.Kind);
        Assert.Equal(expected, contact.Value);
    }

    [Theory]
    [InlineData("えーと、まだ決めていません")]
    [InlineData("12345")]
    [InlineData("2026-12-01")]
    [InlineData("1,280円でした")]
    [InlineData("〔電話番号〕")]
    [InlineData("〔メールアドレス〕")]
    [InlineData("123-4567")]
    [InlineData("name@")]
    [InlineData("")]
    public void Things_that_are_not_a_contact_are_not_taken(string typed) =>
        Assert.False(CallbackContact.TryFind(typed, out _));

    [Fact]
    public void A_contact_never_prints_its_value()
    {
        Assert.True(CallbackContact.TryFind("090-1234-5678", out var contact));

        Assert.DoesNotContain("1234", contact.ToString(), StringComparison.Ordinal);
    }
}
