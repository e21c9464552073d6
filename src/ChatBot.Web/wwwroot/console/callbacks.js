// The call-back list of the counsellor console (折り返し / Call-backs), over /api/console/callbacks.
// The list never carries a contact. The counsellor who took a call-back reveals its contact with a separate
// button (each reveal is audited); it is kept in this page's memory only, until the call-back is closed or
// the page is left. Closing with an outcome deletes the contact on the server at once.
// Kept apart from console.js: it watches the desk (shown after sign-in) and the page language.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const words = {
    ja: {
      callbacks: '折り返し', callbacksEmpty: 'いま折り返しを待っている人はいません。', take: '担当する', reveal: '連絡先を表示',
      closeAs: '結果', closeButton: '終了して連絡先を消す', reached: '連絡がついた', notReached: '連絡がつかなかった',
      withdrawn: '本人が取り消した', heldBy: '担当', you: 'あなた', requested: '依頼', deleteBy: '自動で消える日',
      window: '時間帯', noWindow: '指定なし', phone: '電話', email: 'メール', noSummary: '（要約なし）',
      confirmClose: 'この折り返しを終了し、連絡先を消しますか？ 元に戻せません。', heldByAnother: 'ほかの相談員が担当しています。',
      notOpen: 'この折り返しは、もう終わっているか、まだ担当していません。', forbidden: '連絡先は、担当する相談員だけが見られます。',
      errorGeneric: 'うまくいきませんでした。もう一度試してください。',
      risk: { crisis: '緊急', high: '高', normal: '通常' },
      windows: { 'weekday-day': '平日昼', 'weekday-evening': '平日夜', weekend: '土日', any: 'いつでも' },
    },
    en: {
      callbacks: 'Call-backs', callbacksEmpty: 'Nobody is waiting for a call-back.', take: 'Take this call-back', reveal: 'Show contact',
      closeAs: 'Outcome', closeButton: 'Close and delete the contact', reached: 'Reached', notReached: 'Not reached',
      withdrawn: 'Withdrawn by the person', heldBy: 'Held by', you: 'you', requested: 'Requested', deleteBy: 'Deleted automatically on',
      window: 'Time', noWindow: 'no preference', phone: 'Phone', email: 'E-mail', noSummary: '(no summary)',
      confirmClose: 'Close this call-back and delete the contact? This cannot be undone.', heldByAnother: 'Another counsellor holds this call-back.',
      notOpen: 'This call-back is closed, or not taken yet.', forbidden: 'Only the counsellor who took it can see the contact.',
      errorGeneric: 'That did not work. Please try again.',
      risk: { crisis: 'Crisis', high: 'High', normal: 'Normal' },
      windows: { 'weekday-day': 'Weekday daytime', 'weekday-evening': 'Weekday evening', weekend: 'Weekends', any: 'Any time' },
    },
  };
  const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'ja');
  const t = (key) => words[lang()][key] ?? key;
  const revealed = new Map(); // call-back id -> contact, in memory only
  let items = [];
  let timer = null;

  function xsrf() {
    const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
  }

  async function api(method, path) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') { headers['X-XSRF-TOKEN'] = xsrf(); }
    const response = await fetch('/api/console' + path, { method, headers, credentials: 'same-origin', cache: 'no-store' });
    const data = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, data };
  }

  async function send(path, outcome) {
    const headers = { Accept: 'application/json', 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf() };
    const response = await fetch('/api/console' + path, {
      method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify({ outcome }),
    });
    const data = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, data };
  }

  function failure(result) {
    if (result.status === 403) { return t('forbidden'); }
    if (result.status === 409 && result.data && result.data.error === 'held_by_another') { return t('heldByAnother'); }
    if (result.status === 409 || result.status === 404) { return t('notOpen'); }
    return t('errorGeneric');
  }

  function showError(message) {
    $('callbacks-error').textContent = message;
    $('callbacks-error').hidden = !message;
  }

  async function refresh() {
    const result = await api('GET', '/callbacks').catch(() => null);
    if (!result || !result.ok) { return; }
    items = result.data || [];
    for (const id of [...revealed.keys()]) {
      if (!items.some((i) => i.id === id && i.heldByYou)) { revealed.delete(id); }
    }
    render();
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function when(iso) {
    return new Date(iso).toLocaleString(lang() === 'en' ? 'en-GB' : 'ja-JP', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  function render() {
    document.querySelectorAll('[data-callbacks-i18n]').forEach((node) => { node.textContent = t(node.dataset.callbacksI18n); });
    const list = $('callbacks');
    list.replaceChildren();
    $('callbacks-count').textContent = String(items.length);
    $('callbacks-empty').hidden = items.length > 0;
    for (const item of items) { list.append(row(item)); }
  }

  function row(item) {
    const li = el('li', 'callback entry risk-' + item.risk);
    li.dataset.callbackId = item.id;
    const head = el('div', 'entry-head');
    head.append(el('span', 'risk risk-' + item.risk, (words[lang()].risk[item.risk]) || item.risk));
    if (item.kind) { head.append(el('span', 'tag', t(item.kind))); }
    head.append(el('span', 'tag', t('window') + ': ' + ((words[lang()].windows[item.preferredWindow]) || t('noWindow'))));
    li.append(head);
    li.append(el('p', 'muted', t('requested') + ' ' + when(item.requestedAt) + ' · ' + t('deleteBy') + ' ' + when(item.expiresAt)));
    li.append(el('p', 'entry-summary', item.summary || t('noSummary')));
    if (item.heldBy) {
      li.append(el('p', 'muted', t('heldBy') + ': ' + (item.heldByYou ? t('you') : item.heldBy)));
    }

    const actions = el('div', 'callback-actions');
    if (item.state === 'open') {
      const take = el('button', 'primary', t('take'));
      take.type = 'button';
      take.addEventListener('click', () => act(() => api('POST', '/callbacks/' + encodeURIComponent(item.id) + '/claim')));
      actions.append(take);
    }

    if (item.heldByYou) {
      if (revealed.has(item.id)) {
        const contact = el('output', 'callback-contact', revealed.get(item.id));
        contact.setAttribute('aria-label', t(item.kind || 'phone'));
        actions.append(contact);
      } else {
        const reveal = el('button', null, t('reveal'));
        reveal.type = 'button';
        reveal.addEventListener('click', async () => {
          const result = await api('POST', '/callbacks/' + encodeURIComponent(item.id) + '/reveal').catch(() => null);
          if (!result || !result.ok) { showError(result ? failure(result) : t('errorGeneric')); return; }
          showError('');
          revealed.set(item.id, result.data.contact);
          render();
        });
        actions.append(reveal);
      }

      const outcome = el('select');
      outcome.setAttribute('aria-label', t('closeAs'));
      for (const [value, key] of [['reached', 'reached'], ['not-reached', 'notReached'], ['withdrawn', 'withdrawn']]) {
        const option = el('option', null, t(key));
        option.value = value;
        outcome.append(option);
      }
      const close = el('button', 'danger', t('closeButton'));
      close.type = 'button';
      close.addEventListener('click', () => {
        if (!window.confirm(t('confirmClose'))) { return; }
        revealed.delete(item.id);
        act(() => send('/callbacks/' + encodeURIComponent(item.id) + '/close', outcome.value));
      });
      actions.append(outcome, close);
    }

    li.append(actions);
    return li;
  }

  async function act(call) {
    const result = await call().catch(() => null);
    showError(!result ? t('errorGeneric') : result.ok ? '' : failure(result));
    await refresh();
  }

  function sync() {
    const desk = $('desk');
    if (timer) { clearInterval(timer); timer = null; }
    if (desk.hidden) {
      revealed.clear();
      items = [];
      render();
      return;
    }
    refresh();
    timer = setInterval(refresh, 15000);
  }

  new MutationObserver(sync).observe($('desk'), { attributes: true, attributeFilter: ['hidden'] });
  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  window.addEventListener('pagehide', () => revealed.clear());
  sync();
})();
