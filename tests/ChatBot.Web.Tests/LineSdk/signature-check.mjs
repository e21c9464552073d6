// Signs webhook bodies the way LINE does and asks LINE's own SDK (validateSignature) which signatures
// it accepts, then sends each body to the service's webhook. Prints one JSON line per case; the xunit
// test checks that the service accepts exactly what the SDK accepts.
// usage: node signature-check.mjs <webhook url> <channel secret>
import { createHmac } from "node:crypto";
import { validateSignature } from "@line/bot-sdk";

const [url, secret] = process.argv.slice(2);
const userId = "U" + "0123456789abcdef".repeat(2);
const event = (text) => ({
  type: "message", mode: "active", timestamp: Date.now(), webhookEventId: "01HSDK" + Math.random().toString(36).slice(2, 12).toUpperCase(),
  deliveryContext: { isRedelivery: false }, replyToken: "sdk-reply-token", source: { type: "user", userId },
  message: { id: "1", type: "text", text, quoteToken: "q" },
});
const bodies = {
  verify: JSON.stringify({ destination: userId, events: [] }),
  japanese: JSON.stringify({ destination: userId, events: [event("支援について知りたい")] }),
  escaped: JSON.stringify({ destination: userId, events: [event("x")] }).replace('"x"', '"\\u652f\\u63f4 \\ud83d\\ude0a"'),
  spaced: JSON.stringify({ destination: userId, events: [event("家族・身近な人のこと")] }, null, 2),
};

const sign = (body, key) => createHmac("SHA256", key).update(Buffer.from(body, "utf8")).digest("base64");
const results = [];
for (const [name, body] of Object.entries(bodies)) {
  const candidates = {
    genuine: sign(body, secret),
    "wrong secret": sign(body, secret + "x"),
    "other body": sign(body + " ", secret),
  };
  for (const [kind, signature] of Object.entries(candidates)) {
    const sdkAccepts = validateSignature(body, secret, signature);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-line-signature": signature },
      body: Buffer.from(body, "utf8"),
    });
    results.push({ body: name, signature: kind, sdkAccepts, status: response.status });
  }
}
for (const r of results) console.log(JSON.stringify(r));
