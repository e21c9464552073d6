// The counsellor console: plain JavaScript over /api/console and the SignalR hub at /console/hub.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const texts = window.consoleTexts;
  let lang = localStorage.getItem('console.lang') === 'en' ? 'en' : 'ja';
  let me = null;
  let current = null; // the open conversation view
  let hub = null;
  let audio = null;
  let lastTyping = 0;
  let live = null;
  const seen = new Set();

  const t = (key) => texts[lang][key] ?? key;
  const label = (group, value) => (texts[lang][group] || {})[value] ?? value;

  // ---- language ------------------------------------------------------------------------------

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('title');
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    $('lang').textContent = lang === 'ja' ? 'English' : '日本語';
    $('lang').lang = lang === 'ja' ? 'en' : 'ja';
    if (me) {
      $('active-title').textContent = me.role === 'supervisor' ? t('allActive') : t('mine');
      refreshLists();
      if (live !== null) { setLive(live); }
      // Fetched again, not re-drawn from memory: lines that came live since it was opened stay in view.
      if (current) { open(current.entry.conversationId); }
    }
  }

  $('lang').addEventListener('click', () => {
    lang = lang === 'ja' ? 'en' : 'ja';
    localStorage.setItem('console.lang', lang);
    applyLanguage();
  });

  // ---- API -------------------------------------------------------------------------------------

  function xsrf() {
    const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') { headers['X-XSRF-TOKEN'] = xsrf(); }
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    const response = await fetch('/api/console' + path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && path !== '/login') {
      showLogin();
      throw new Error('signed out');
    }
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, data };
  }

  function failure(result) {
    if (result.status === 409 && result.data && result.data.error === 'held_by_another') { return t('heldByAnother'); }
    if (result.status === 409) { return t('notOpen'); }
    return (result.data && result.data.message) || t('errorGeneric');
  }

  // ---- sign-in -------------------------------------------------------------------------------

  function showLogin() {
    me = null;
    live = null;
    if (hub) { hub.stop(); hub = null; }
    $('desk').hidden = true;
    $('logout').hidden = true;
    $('me').hidden = true;
    $('live').hidden = true;
    $('login').hidden = false;
    $('username').focus();
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    unlockAudio();
    $('login-error').hidden = true;
    const result = await api('POST', '/login', { username: $('username').value.trim(), password: $('password').value });
    $('password').value = '';
    if (!result.ok) {
      $('login-error').textContent = t('signInFailed');
      $('login-error').hidden = false;
      return;
    }
    await enter(result.data);
  });

  $('logout').addEventListener('click', async () => {
    await api('POST', '/logout').catch(() => null);
    current = null;
    showLogin();
  });

  async function enter(who) {
    me = who;
    $('login').hidden = true;
    $('desk').hidden = false;
    $('logout').hidden = false;
    $('me').hidden = false;
    $('me').textContent = who.displayName;
    $('stats').hidden = who.role !== 'supervisor';
    applyLanguage();
    await connect();
    await refreshLists();
  }

  // ---- live connection -------------------------------------------------------------------

  async function connect() {
    hub = new signalR.HubConnectionBuilder()
      .withUrl('/console/hub')
      .withAutomaticReconnect([0, 2000, 5000, 10000, 20000, 30000])
      .build();
    hub.on('QueueChanged', () => refreshLists());
    hub.on('CrisisAlert', (item) => crisisAlert(item));
    hub.on('Message', (message) => onMessage(message));
    hub.on('ConversationChanged', (change) => {
      refreshLists();
      if (current && change.conversationId === current.entry.conversationId) { open(change.conversationId); }
    });
    hub.onreconnecting(() => setLive(false));
    hub.onreconnected(() => { setLive(true); refreshLists(); if (current) { open(current.entry.conversationId); } });
    hub.onclose(() => setLive(false));
    try {
      await hub.start();
      setLive(true);
    } catch {
      setLive(false);
    }
  }

  function setLive(connected) {
    live = connected;
    $('live').hidden = false;
    $('live').textContent = connected ? t('live') : t('offline');
    $('live').classList.toggle('off', !connected);
  }

  // ---- lists -----------------------------------------------------------------------------

  async function refreshLists() {
    if (!me) { return; }
    const [queue, active] = await Promise.all([api('GET', '/queue'), api('GET', '/conversations')]);
    if (queue.ok) { fillList($('queue'), queue.data); }
    if (active.ok) { fillList($('active'), active.data); }
    $('queue-count').textContent = queue.ok ? queue.data.length : '';
    $('queue-empty').hidden = queue.ok && queue.data.length > 0;
    if (me.role === 'supervisor') {
      const stats = await api('GET', '/stats');
      if (stats.ok) {
        const s = stats.data;
        $('stat-waiting').textContent = s.waiting;
        $('stat-active').textContent = s.active;
        $('stat-median').textContent = s.medianWaitSeconds == null ? '—' : `${Math.round(s.medianWaitSeconds / 60)} ${t('minutes')}`;
        $('stat-online').textContent = s.counsellorsOnline;
        $('stat-risk').textContent = ['crisis', 'high', 'normal'].map((r) => `${label('risk', r)} ${s.waitingByRisk[r]}`).join(' / ');
      }
    }
  }

  function fillList(list, items) {
    list.replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'entry risk-' + item.risk;
      if (current && current.entry.conversationId === item.conversationId) { button.classList.add('selected'); }
      button.dataset.conversationId = item.conversationId;
      const head = document.createElement('span');
      head.className = 'entry-head';
      head.append(badge(item.risk), tag(label('speaker', item.speaker)), document.createTextNode(waited(item.waitingSince)));
      if (item.position) { head.append(document.createTextNode(` · ${item.position}${lang === 'ja' ? t('position') : ' ' + t('position')}`)); }
      if (item.claimedBy) { head.append(document.createTextNode(` · ${t('heldBy')}: ${item.claimedBy}`)); }
      if (item.leftMessage) { head.append(tag(t('leftMessage'))); }
      const topics = document.createElement('span');
      topics.className = 'entry-topics';
      topics.textContent = item.topics.map((x) => label('topic', x)).join('・');
      const summary = document.createElement('span');
      summary.className = 'entry-summary';
      summary.textContent = item.summary || t('noSummary');
      button.append(head, topics, summary);
      button.addEventListener('click', () => open(item.conversationId));
      li.append(button);
      return li;
    }));
  }

  function badge(risk) {
    const span = document.createElement('span');
    span.className = 'risk risk-' + risk;
    span.textContent = label('risk', risk);
    return span;
  }

  function tag(text) {
    const span = document.createElement('span');
    span.className = 'tag';
    span.textContent = text;
    return span;
  }

  function waited(since) {
    const minutes = Math.max(0, Math.round((Date.now() - new Date(since).getTime()) / 60000));
    return ` ${t('waitingFor')} ${minutes}${lang === 'ja' ? '' : ' '}${t('minutes')}`;
  }

  // ---- one conversation --------------------------------------------------------------------

  async function open(conversationId) {
    const result = await api('GET', '/conversations/' + encodeURIComponent(conversationId));
    if (!result.ok) {
      showError(failure(result));
      return;
    }
    render(result.data);
    refreshLists();
  }

  function render(view) {
    current = view;
    seen.clear();
    $('pick').hidden = true;
    $('view').hidden = false;
    $('action-error').hidden = true;
    const entry = view.entry;
    const risk = $('v-risk');
    risk.className = 'risk risk-' + entry.risk;
    risk.textContent = label('risk', entry.risk);
    $('v-speaker').textContent = label('speaker', entry.speaker);
    $('v-topics').replaceChildren(...entry.topics.map((x) => tag(label('topic', x))));
    $('v-state').textContent = label('state', entry.state) + (entry.claimedBy ? ` · ${t('heldBy')}: ${view.heldByYou ? t('you') : entry.claimedBy}` : '');
    $('v-wait').textContent = `${t('waitingSince')} ${new Date(entry.waitingSince).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB')}` +
      (entry.leftMessage ? ` · ${t('leftMessage')}` : '');
    $('v-summary').textContent = entry.summary || t('noSummary');
    $('v-consent').textContent = view.consent
      ? `${view.consent.scope === 'summary' ? t('consentSummary') : t('consentFull')} — ${t('givenAt')} ${new Date(view.consent.givenAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB')} — ${t('noticeVersion')} ${view.consent.noticeVersion}`
      : '—';
    $('v-triage').replaceChildren(...(view.triage.length ? view.triage : [null]).map((x) => {
      const li = document.createElement('li');
      if (!x) { li.textContent = t('noTriage'); return li; }
      li.append(document.createTextNode(new Date(x.at).toLocaleTimeString(lang === 'ja' ? 'ja-JP' : 'en-GB') + ' '), badge(x.risk),
        document.createTextNode(' ' + x.topics.map((y) => label('topic', y)).join('・')));
      if (x.tentative) {
        const unsure = document.createElement('span');
        unsure.className = 'tentative';
        unsure.textContent = ' ' + t('tentative');
        li.append(unsure);
      }
      if (x.signals.length) {
        const why = document.createElement('small');
        why.className = 'signals';
        why.textContent = ` ${t('signals')}: ${x.signals.join(', ')}`;
        li.append(why);
      }
      return li;
    }));
    $('undelivered').hidden = !view.undelivered;
    $('undelivered').textContent = view.undelivered ? t('undelivered').replace('{n}', view.undelivered) : '';
    $('transcript').replaceChildren();
    view.transcript.forEach(addLine);
    $('notes').replaceChildren(...view.notes.map(noteItem));

    const waiting = entry.state === 'waiting';
    $('claim').hidden = !waiting;
    $('held-actions').hidden = !view.heldByYou;
    $('composer').hidden = !view.heldByYou;
    $('close-form').hidden = true;
    $('note-form').hidden = !(view.heldByYou || me.role === 'supervisor');
    $('resources').hidden = !view.heldByYou;
    if (view.heldByYou) { fillTransferTargets(); fillResources(); }
    scrollToEnd();
  }

  // The catalog's windows, those matching the person's topics first; the preview is exactly what the person will receive.
  let resources = [];

  async function fillResources() {
    const result = await act('/resources', undefined, 'GET');
    resources = result ? result.data : [];
    $('resource').replaceChildren(...resources.map((r) => new Option(
      r.name + (r.area ? ` (${r.area})` : '') + (r.matches ? ` ★ ${t('matches')}` : '') + (r.sample ? ` [${t('sample')}]` : ''), r.id)));
    showResourcePreview();
  }

  function showResourcePreview() {
    const chosen = resources.find((r) => r.id === $('resource').value);
    $('resource-preview').textContent = chosen ? chosen.message : '';
    $('send-resource').disabled = !chosen;
  }

  function scrollToEnd() {
    const transcript = $('transcript');
    transcript.scrollTop = transcript.scrollHeight;
  }

  function addLine(line) {
    if (line.id && seen.has(line.id)) { return; }
    if (line.id) { seen.add(line.id); }
    const li = document.createElement('li');
    li.className = 'line from-' + line.from + (line.risk === 'crisis' ? ' crisis' : '');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = (line.from === 'counsellor' ? (line.name || t('counsellor')) : t(line.from)) + ' · ' +
      new Date(line.at).toLocaleTimeString(lang === 'ja' ? 'ja-JP' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
    const text = document.createElement('p');
    text.textContent = line.text;
    li.append(who, text);
    $('transcript').append(li);
    scrollToEnd();
  }

  function noteItem(note) {
    const li = document.createElement('li');
    li.textContent = `${note.authorName} · ${new Date(note.createdAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB')}: ${note.text}`;
    return li;
  }

  function onMessage(message) {
    if (current && message.conversationId === current.entry.conversationId) {
      addLine(message);
    }
  }

  async function fillTransferTargets() {
    const result = await api('GET', '/counsellors');
    const others = result.ok ? result.data.filter((c) => c.username !== me.username) : [];
    $('transfer-to').replaceChildren(...others.map((c) => new Option(c.displayName, c.username)));
    // Nobody else online: nothing to transfer to, so no control for it.
    $('transfer-to').hidden = others.length === 0;
    $('transfer').hidden = others.length === 0;
  }

  function showError(message) {
    $('action-error').textContent = message;
    $('action-error').hidden = false;
  }

  async function act(path, body, method = 'POST') {
    if (!current) { return null; }
    const result = await api(method, `/conversations/${encodeURIComponent(current.entry.conversationId)}${path}`, body);
    if (!result.ok) { showError(failure(result)); return null; }
    $('action-error').hidden = true;
    return result;
  }

  $('claim').addEventListener('click', async () => {
    const result = await act('/claim');
    if (result) { render(result.data); refreshLists(); }
  });

  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('message').value.trim();
    if (!text) { return; }
    $('send').disabled = true;
    const result = await act('/messages', { text });
    $('send').disabled = false;
    if (result) {
      $('message').value = '';
      addLine(result.data);
    }
    $('message').focus();
  });

  $('message').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { $('composer').requestSubmit(); }
  });

  $('message').addEventListener('input', () => {
    const now = Date.now();
    if (current && current.heldByYou && now - lastTyping > 3000) {
      lastTyping = now;
      act('/typing').catch(() => null);
    }
  });

  $('resource').addEventListener('change', showResourcePreview);

  $('resource-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = $('resource').value;
    if (!id) { return; }
    $('send-resource').disabled = true;
    const result = await act('/resources', { id });
    $('send-resource').disabled = false;
    if (result) { addLine(result.data); }
  });

  $('note-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('note').value.trim();
    if (!text) { return; }
    const result = await act('/notes', { text });
    if (result) {
      $('note').value = '';
      $('notes').append(noteItem(result.data));
    }
  });

  $('transfer').addEventListener('click', async () => {
    const to = $('transfer-to').value;
    if (!to) { return; }
    const result = await act('/transfer', { to });
    if (result) { await open(current.entry.conversationId).catch(() => null); }
  });

  $('release').addEventListener('click', async () => {
    if (!window.confirm(t('confirmRelease'))) { return; }
    const result = await act('/release');
    if (result) { await open(current.entry.conversationId); }
  });

  $('close').addEventListener('click', () => {
    $('close-form').hidden = false;
    $('closing').focus();
  });

  $('close-cancel').addEventListener('click', () => { $('close-form').hidden = true; });

  $('close-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = $('closing').value.trim();
    const result = await act('/close', message ? { message } : {});
    if (result) {
      $('closing').value = '';
      await open(current.entry.conversationId);
    }
  });

  // ---- crisis alert ----------------------------------------------------------------------

  function unlockAudio() {
    if (!audio) {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (Context) { audio = new Context(); }
    }
    if (audio && audio.state === 'suspended') { audio.resume(); }
  }

  document.addEventListener('pointerdown', unlockAudio, { once: true });

  // A short two-note tone made here (no sound file): loud enough to notice, short enough not to alarm.
  function tone() {
    if (!audio) { return; }
    const start = audio.currentTime;
    [880, 660, 880].forEach((frequency, i) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.25 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.22);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + i * 0.25);
      oscillator.stop(start + i * 0.25 + 0.24);
    });
  }

  function crisisAlert(item) {
    $('crisis-text').textContent = `${t('crisisAlert')} — ${item.summary ? item.summary.split('\n')[0] : t('noSummary')}`;
    $('crisis-banner').dataset.conversationId = item.conversationId;
    $('crisis-banner').hidden = false;
    tone();
    refreshLists();
  }

  $('crisis-open').addEventListener('click', () => {
    $('crisis-banner').hidden = true;
    open($('crisis-banner').dataset.conversationId);
  });

  $('crisis-dismiss').addEventListener('click', () => { $('crisis-banner').hidden = true; });

  // ---- start -----------------------------------------------------------------------------

  setInterval(() => { if (me) { refreshLists(); } }, 60000); // wait times move even when nothing happens

  (async () => {
    applyLanguage();
    const config = await api('GET', '/config').catch(() => null);
    if (config && config.ok && config.data.authentication === 'oidc') {
      $('login-form').hidden = true;
      $('oidc-login').hidden = false;
    }
    if (config && config.ok && config.data.counsellor) {
      await enter(config.data.counsellor);
    } else {
      showLogin();
    }
  })();
})();
