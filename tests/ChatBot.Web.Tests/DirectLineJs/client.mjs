// Talks to the server as Web Chat 4.18.1 does, through the official client it pins
// (botframework-directlinejs 0.15.5), and prints one JSON line for DirectLineJsClientTests to check.
//
//   node client.mjs <base-url> <websocket|polling> <suggested action title>
//
// 1. POST /api/webchat/token, then a DirectLine on <base-url>/v3/directline (no conversationId: it starts it).
// 2. Wait for the greeting with suggested actions; post the chosen action's value as Web Chat does for imBack.
// 3. Wait for the echo of that message and for the bot's reply to it.
// 4. End that client, refresh the token, and resume the same conversation with a second client built with
//    { token, conversationId } as the web page does after a reload: the whole history must be replayed.
// 5. Post endOfConversation (the page's quick exit) and try to reconnect: the conversation is gone.
import XMLHttpRequest from 'xhr2';
import WebSocket from 'ws';

// Node 20 has neither: DirectLineJS makes its REST calls with rxjs ajax (XMLHttpRequest) and opens the
// stream with the global WebSocket; it reads the WebSocket global even when polling.
globalThis.XMLHttpRequest = XMLHttpRequest;
globalThis.WebSocket = WebSocket;

const { DirectLine, ConnectionStatus } = (await import('botframework-directlinejs')).default;

const [base, mode, choice] = process.argv.slice(2);
const webSocket = mode === 'websocket';
const domain = `${base}/v3/directline`;
const TIMEOUT_MS = 30_000;

const result = { mode, webSocketUsed: null, statuses: [] };

function fail(message) {
  result.error = message;
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(1);
}

setTimeout(() => fail('timed out'), TIMEOUT_MS * 2).unref();

/** Resolves with the first activity that matches, from activities already seen or still to come. */
function collector(directLine) {
  const seen = [];
  const waiters = [];
  const state = { ending: false };
  directLine.activity$.subscribe(
    activity => {
      seen.push(activity);
      for (const waiter of [...waiters]) {
        if (waiter.match(activity)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(activity);
        }
      }
    },
    error => {
      // end() finishes the stream with "conversation ended"; anything else is a failure.
      if (!state.ending) {
        fail(`activity$ failed: ${error && error.message}`);
      }
    }
  );
  return {
    seen,
    end() {
      state.ending = true;
      directLine.end();
    },
    next(match, what) {
      const found = seen.find(match);
      if (found) {
        return Promise.resolve(found);
      }

      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref();
      });
    }
  };
}

function post(directLine, activity) {
  return new Promise((resolve, reject) => directLine.postActivity(activity).subscribe(resolve, reject));
}

async function getJson(response) {
  if (!response.ok) {
    throw new Error(`${response.url} answered ${response.status}`);
  }

  return response.json();
}

try {
  const issued = await getJson(await fetch(`${base}/api/webchat/token`, { method: 'POST' }));
  const userId = JSON.parse(Buffer.from(issued.token.split('.')[1], 'base64url').toString()).user;
  result.conversationId = issued.conversationId;
  result.userId = userId;

  const first = new DirectLine({ domain, token: issued.token, webSocket, pollingInterval: 200 });
  result.webSocketUsed = first.webSocket;
  first.connectionStatus$.subscribe(status => result.statuses.push(ConnectionStatus[status]));
  const firstActivities = collector(first);

  const greeting = await firstActivities.next(
    a => a.type === 'message' && a.from && a.from.role === 'bot' && a.suggestedActions,
    'greeting');
  result.greeting = {
    text: greeting.text,
    fromRole: greeting.from.role,
    actions: greeting.suggestedActions.actions.map(a => ({ type: a.type, title: a.title, value: a.value }))
  };
  result.conversationIdSeen = greeting.conversation && greeting.conversation.id;

  const action = greeting.suggestedActions.actions.find(a => a.title === choice);
  if (!action) {
    fail(`the greeting offers no "${choice}"`);
  }

  // What Web Chat posts for an imBack action (PROTOCOLS.md 1.7).
  const clientActivityID = `client-${Date.now()}`;
  const postedId = await post(first, {
    type: 'message',
    from: { id: userId, role: 'user' },
    text: action.value,
    textFormat: 'plain',
    locale: 'ja-JP',
    channelData: { clientActivityID }
  });
  result.postedId = postedId;

  const echo = await firstActivities.next(
    a => a.channelData && a.channelData.clientActivityID === clientActivityID,
    'echo of the posted message');
  result.echo = { id: echo.id, text: echo.text, fromId: echo.from && echo.from.id, timestamp: echo.timestamp };

  const reply = await firstActivities.next(
    a => a.type === 'message' && a.from && a.from.role === 'bot' && a.replyToId === echo.id,
    'reply to the posted message');
  result.reply = { text: reply.text, replyToId: reply.replyToId, timestamp: reply.timestamp };
  firstActivities.end();

  // A reload: refresh the stored token, then resume the conversation by id.
  const refreshed = await getJson(await fetch(`${domain}/tokens/refresh`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${issued.token}` }
  }));
  const second = new DirectLine({ domain, token: refreshed.token, conversationId: issued.conversationId, webSocket, pollingInterval: 200 });
  const secondActivities = collector(second);
  await secondActivities.next(a => a.id === reply.id, 'replayed reply after resuming');
  result.replayedIds = secondActivities.seen.map(a => a.id);
  result.expectedIds = [greeting.id, echo.id, reply.id];

  // The quick exit: an endOfConversation from the client ends the conversation on the server.
  result.endPostedId = await post(second, { type: 'endOfConversation', code: 'userCancelled', from: { id: userId, role: 'user' } });
  secondActivities.end();
  const afterEnd = await fetch(`${domain}/conversations/${encodeURIComponent(issued.conversationId)}?watermark=`, {
    headers: { Authorization: `Bearer ${refreshed.token}` }
  });
  result.reconnectAfterEndStatus = afterEnd.status;

  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
} catch (error) {
  fail(error && error.message ? error.message : String(error));
}
