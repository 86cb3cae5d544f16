// 网格员上报（docs/grid-mobile.md）。凭据只在 sessionStorage（本标签页，关闭即清除），
// 待发送的上报在 IndexedDB（不含凭据），每件带客户端编号作 externalId：重发被拒为「已经受理过」即算已送达。
'use strict';
(function () {
  const KEY = 'shudi.grid.session';
  const PHOTO_MAX_BYTES = 1024 * 1024;
  const PHOTO_MAX_SIDE = 1600;
  const PAGE_SIZE = 20;
  const $ = (id) => document.getElementById(id);

  let session = null; // { auth, user, county }
  let me = null;
  let photo = null; // Blob (JPEG)
  let place = null; // { latitude, longitude }
  let page = 0;
  let sending = false;

  // ---- 会话 ---------------------------------------------------------------------------------------------
  function loadSession() {
    try {
      const raw = sessionStorage.getItem(KEY);
      return raw ? JSON.parse(raw) : null;
    } catch (e) {
      return null;
    }
  }

  function basic(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    let text = '';
    bytes.forEach((b) => { text += String.fromCharCode(b); });
    return 'Basic ' + btoa(text);
  }

  function api(path, options) {
    const init = Object.assign({ credentials: 'omit', cache: 'no-store', redirect: 'error' }, options || {});
    init.headers = Object.assign({ Authorization: session.auth, Accept: 'application/json' }, init.headers || {});
    return fetch('/api/intake/' + encodeURIComponent(session.county) + path, init);
  }

  class Unauthorized extends Error {}

  async function json(response) {
    if (response.status === 401) {
      throw new Unauthorized('登录已失效，请重新登录');
    }
    if (!response.ok) {
      throw new Error((await response.text()) || ('HTTP ' + response.status));
    }
    return response.json();
  }

  async function login(event) {
    event.preventDefault();
    const user = $('login-user').value.trim();
    const password = $('login-password').value;
    $('login-error').textContent = '';
    if (!user || !password) {
      $('login-error').textContent = '请输入用户名和密码';
      return;
    }
    const county = user.split('_')[0];
    session = { auth: basic(user, password), user: user, county: county };
    $('login-submit').disabled = true;
    try {
      const response = await api('/me');
      if (response.status === 401) {
        throw new Error('用户名或密码不对（多次输错会被暂时锁定）');
      }
      if (response.status === 403 || response.status === 404) {
        throw new Error('这个账号不是区县的平台用户：' + (await response.text()));
      }
      me = await json(response);
      session.me = me;
      sessionStorage.setItem(KEY, JSON.stringify(session));
      $('login-password').value = '';
      showApp();
    } catch (e) {
      session = null;
      $('login-error').textContent = e instanceof TypeError ? '无法连接平台，请检查网络后重试' : e.message;
    } finally {
      $('login-submit').disabled = false;
    }
  }

  function logout() {
    sessionStorage.removeItem(KEY);
    session = null;
    me = null;
    $('app').hidden = true;
    $('login').hidden = false;
  }

  function expired(e) {
    if (e instanceof Unauthorized) {
      logout();
      $('login-error').textContent = e.message;
      return true;
    }
    return false;
  }

  // ---- 待发送队列（IndexedDB） ------------------------------------------------------------------------------
  function db() {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('shudi-grid', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('queue', { keyPath: 'id' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }

  async function store(mode, work) {
    const database = await db();
    return new Promise((resolve, reject) => {
      const tx = database.transaction('queue', mode);
      const result = work(tx.objectStore('queue'));
      tx.oncomplete = () => { database.close(); resolve(result && result.result); };
      tx.onerror = () => { database.close(); reject(tx.error); };
    });
  }

  const queued = () => store('readonly', (s) => s.getAll()).then((all) => (all || [])
    .filter((r) => session && r.user === session.user && r.county === session.county)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  const enqueue = (report) => store('readwrite', (s) => s.put(report));
  const dequeue = (id) => store('readwrite', (s) => s.delete(id));

  function clientId() {
    if (crypto.randomUUID) {
      return 'grid-' + crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return 'grid-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** Sends one report: 'sent', 'offline', or throws the refusal. */
  async function send(report) {
    const body = {
      kind: report.kind, source: 'grid', externalId: report.id, text: report.text, grid: report.grid || null,
      latitude: report.latitude, longitude: report.longitude,
    };
    let response;
    try {
      if (report.photo) {
        const form = new FormData();
        form.append('request', new Blob([JSON.stringify(body)], { type: 'application/json' }));
        form.append('photos', report.photo, 'photo.jpg');
        response = await api('/requests', { method: 'POST', body: form });
      } else {
        response = await api('/requests', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
        });
      }
    } catch (e) {
      return 'offline';
    }
    if (response.status === 201) {
      return 'sent';
    }
    if (response.status === 401) {
      throw new Unauthorized('登录已失效，请重新登录后自动发送');
    }
    const message = await response.text();
    if (response.status === 400 && message.includes('已经受理过')) {
      // 重发：平台按编号拒绝重复登记。确认这一件确实是本人已送达的，就算已发送。
      try {
        const found = await json(await api('/me/requests?externalId=' + encodeURIComponent(report.id)));
        if (found.requests.length > 0) {
          return 'sent';
        }
      } catch (e) {
        return 'offline';
      }
    }
    if (response.status >= 500) {
      return 'offline';
    }
    throw new Error(message || ('HTTP ' + response.status));
  }

  /** Sends what is queued (on start, when the network returns, and every 30 s while there is something). */
  async function flush() {
    if (!session || sending) {
      return;
    }
    sending = true;
    let changed = false;
    try {
      for (const report of await queued()) {
        if (report.refused) {
          continue;
        }
        try {
          const result = await send(report);
          if (result === 'offline') {
            break;
          }
          await dequeue(report.id);
          changed = true;
        } catch (e) {
          if (expired(e)) {
            return;
          }
          report.refused = e.message;
          await enqueue(report);
          changed = true;
        }
      }
    } finally {
      sending = false;
    }
    await showQueue();
    if (changed && !$('mine').hidden) {
      await loadMine(true);
    }
  }

  // ---- 上报 ----------------------------------------------------------------------------------------------
  function loadImage(file) {
    return new Promise((resolve, reject) => {
      const url = URL.createObjectURL(file);
      const image = new Image();
      image.onload = () => resolve({ image: image, url: url });
      image.onerror = () => { URL.revokeObjectURL(url); reject(new Error('无法读取这张照片，请换一张 JPEG 或 PNG 照片')); };
      image.src = url;
    });
  }

  const toBlob = (canvas, quality) => new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));

  /** JPEG, longest side ≤ 1600 px, ≤ 1 MB: lower quality first, then smaller. */
  async function compress(file) {
    const loaded = await loadImage(file);
    try {
      let scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(loaded.image.naturalWidth, loaded.image.naturalHeight));
      for (let attempt = 0; attempt < 8; attempt++) {
        const canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(loaded.image.naturalWidth * scale));
        canvas.height = Math.max(1, Math.round(loaded.image.naturalHeight * scale));
        const context = canvas.getContext('2d');
        context.fillStyle = '#fff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(loaded.image, 0, 0, canvas.width, canvas.height);
        for (const quality of [0.85, 0.7, 0.55]) {
          const blob = await toBlob(canvas, quality);
          if (blob && blob.size <= PHOTO_MAX_BYTES) {
            return { blob: blob, width: canvas.width, height: canvas.height };
          }
        }
        scale *= 0.75;
      }
      throw new Error('照片压缩后仍超过 1 MB');
    } finally {
      URL.revokeObjectURL(loaded.url);
    }
  }

  async function choosePhoto() {
    const file = $('report-photo').files[0];
    clearPhoto(false);
    if (!file) {
      return;
    }
    $('photo-info').textContent = '正在压缩…';
    $('photo-preview').hidden = false;
    try {
      const result = await compress(file);
      photo = result.blob;
      $('photo-img').src = URL.createObjectURL(photo);
      $('photo-info').textContent = result.width + '×' + result.height + '，' + Math.ceil(photo.size / 1024) + ' KB';
    } catch (e) {
      clearPhoto(true);
      message(e.message, 'error');
    }
  }

  function clearPhoto(input) {
    photo = null;
    if ($('photo-img').src) {
      URL.revokeObjectURL($('photo-img').src);
      $('photo-img').removeAttribute('src');
    }
    $('photo-preview').hidden = true;
    $('photo-info').textContent = '';
    if (input) {
      $('report-photo').value = '';
    }
  }

  function locate() {
    if (!navigator.geolocation) {
      $('location').textContent = '此设备不能定位';
      return;
    }
    $('location').textContent = '正在定位…';
    navigator.geolocation.getCurrentPosition((position) => {
      place = {
        latitude: position.coords.latitude.toFixed(6), longitude: position.coords.longitude.toFixed(6),
      };
      $('location').textContent = '北纬 ' + place.latitude + '，东经 ' + place.longitude
        + '（精度约 ' + Math.round(position.coords.accuracy) + ' 米）';
    }, (error) => {
      place = null;
      $('location').textContent = error.code === 1 ? '未允许定位（可在浏览器设置中允许）' : '定位失败，请到开阔处重试';
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  function message(text, kind) {
    $('report-message').textContent = text;
    $('report-message').className = 'message ' + (kind || '');
  }

  async function submit(event) {
    event.preventDefault();
    const text = $('report-text').value.trim();
    if (!text) {
      message('请写明诉求内容', 'error');
      return;
    }
    const report = {
      id: clientId(), user: session.user, county: session.county, createdAt: new Date().toISOString(),
      kind: document.querySelector('input[name=kind]:checked').value, text: text,
      grid: $('report-grid').value.trim(), latitude: place ? place.latitude : null,
      longitude: place ? place.longitude : null, photo: photo,
    };
    $('report-submit').disabled = true;
    try {
      await enqueue(report); // 先存下，断网或关页面也不丢
      let result;
      try {
        result = await send(report);
      } catch (e) {
        if (e instanceof Unauthorized) {
          expired(e); // 报告留在待发送中，重新登录后自动发送
          return;
        }
        await dequeue(report.id);
        message('未受理：' + e.message, 'error');
        return;
      }
      if (result === 'sent') {
        await dequeue(report.id);
        message('已提交，可在「我的上报」查看办理进展。', 'ok');
      } else {
        message('网络不通，已保存为待发送：网络恢复后自动发送。', 'queued');
      }
      resetForm();
      await showQueue();
    } finally {
      $('report-submit').disabled = false;
    }
  }

  function resetForm() {
    $('report-text').value = '';
    clearPhoto(true);
    place = null;
    $('location').textContent = '未获取（按按钮后才读取手机定位）';
    $('report-grid').value = me && me.grid ? me.grid.code : '';
  }

  // ---- 我的上报 -----------------------------------------------------------------------------------------
  function item(title, state, stateClass, text, extra) {
    const li = document.createElement('li');
    const head = document.createElement('div');
    head.className = 'head';
    const left = document.createElement('span');
    left.className = 'muted';
    left.textContent = title;
    const badge = document.createElement('span');
    badge.className = 'state ' + (stateClass || '');
    badge.textContent = state;
    head.append(left, badge);
    const body = document.createElement('p');
    body.className = 'text';
    body.textContent = text;
    li.append(head, body);
    (extra || []).forEach((node) => li.append(node));
    return li;
  }

  const kindLabels = { livelihood: '民生诉求', enforcement: '执法诉求', development: '发展诉求' };

  // 平台的时间是区县当地时间（北京时间）；本机记下的待发送时间也按北京时间显示
  const beijing = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  });

  function when(local) {
    return (local || '').replace('T', ' ').substring(0, 16);
  }

  function whenInstant(iso) {
    const parts = {};
    beijing.formatToParts(new Date(iso)).forEach((p) => { parts[p.type] = p.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute;
  }

  async function showQueue() {
    const list = $('queue');
    list.textContent = '';
    if (!session) {
      return;
    }
    for (const report of await queued()) {
      const extra = [];
      if (report.refused) {
        const why = document.createElement('p');
        why.className = 'error';
        why.textContent = '未受理：' + report.refused;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'link';
        remove.textContent = '删除';
        remove.addEventListener('click', async () => { await dequeue(report.id); await showQueue(); });
        extra.push(why, remove);
      }
      const li = item(kindLabels[report.kind] + ' · ' + whenInstant(report.createdAt), report.refused ? '未受理' : '待发送',
        report.refused ? 'refused' : 'pending', report.text, extra);
      li.dataset.queued = report.id;
      list.append(li);
    }
  }

  async function loadMine(fromStart) {
    if (fromStart) {
      page = 0;
      $('mine-list').textContent = '';
    }
    try {
      const result = await json(await api('/me/requests?page=' + page + '&size=' + PAGE_SIZE));
      for (const r of result.requests) {
        const extra = [];
        if (r.outcome) {
          const outcome = document.createElement('p');
          outcome.className = 'outcome';
          outcome.textContent = '办理结果：' + r.outcome;
          extra.push(outcome);
        }
        const id = document.createElement('p');
        id.className = 'hint';
        id.textContent = '编号 ' + r.id + (r.grid ? ' · 网格 ' + r.grid : '');
        extra.push(id);
        const li = item(r.kindLabel + ' · ' + when(r.receivedAt), r.stateLabel,
          r.state === 'closed' ? 'done' : '', r.text, extra);
        li.dataset.id = r.id;
        li.dataset.externalId = r.externalId || '';
        $('mine-list').append(li);
      }
      $('more').hidden = result.requests.length < PAGE_SIZE;
      page++;
      $('mine-empty').hidden = $('mine-list').children.length + $('queue').children.length > 0;
    } catch (e) {
      if (!expired(e)) {
        $('mine-empty').hidden = false;
        $('mine-empty').textContent = e instanceof TypeError ? '网络不通，暂时无法读取已上报的诉求。' : e.message;
      }
    }
  }

  function tab(which) {
    const mine = which === 'mine';
    $('report').hidden = mine;
    $('mine').hidden = !mine;
    $('tab-report').classList.toggle('active', !mine);
    $('tab-mine').classList.toggle('active', mine);
    $('tab-report').setAttribute('aria-selected', String(!mine));
    $('tab-mine').setAttribute('aria-selected', String(mine));
    if (mine) {
      $('mine-empty').textContent = '还没有上报记录。';
      showQueue().then(() => loadMine(true));
    }
  }

  // ---- 启动 ----------------------------------------------------------------------------------------------
  function showApp() {
    $('login').hidden = true;
    $('app').hidden = false;
    $('who-name').textContent = me.name + '（' + me.user + '）';
    $('who-grid').textContent = me.grid ? me.grid.townshipName + ' · ' + me.grid.name : me.countyName + ' · 未分配网格';
    $('report-grid').value = me.grid ? me.grid.code : '';
    $('grid-name').textContent = me.grid
      ? '默认为本人网格：' + me.grid.name + '（' + me.grid.code + '），可改为其他网格编号或文字描述'
      : '填写网格编号（如 mingshui-01）或用文字写明位置';
    tab('report');
    flush();
  }

  function network() {
    $('net').textContent = navigator.onLine ? '在线' : '离线';
    $('net').classList.toggle('offline', !navigator.onLine);
  }

  async function start() {
    network();
    window.addEventListener('online', () => { network(); flush(); });
    window.addEventListener('offline', network);
    setInterval(() => { if (navigator.onLine) { flush(); } }, 30000);
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    $('tab-report').addEventListener('click', () => tab('report'));
    $('tab-mine').addEventListener('click', () => tab('mine'));
    $('report-form').addEventListener('submit', submit);
    $('report-photo').addEventListener('change', choosePhoto);
    $('photo-remove').addEventListener('click', () => clearPhoto(true));
    $('locate').addEventListener('click', locate);
    $('refresh').addEventListener('click', () => flush().then(() => loadMine(true)));
    $('more').addEventListener('click', () => loadMine(false));
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => { /* 没有离线缓存也能用 */ });
    }
    session = loadSession();
    if (session) {
      try {
        me = await json(await api('/me'));
      } catch (e) {
        if (!(e instanceof TypeError) || !session.me) {
          logout();
          return;
        }
        me = session.me; // 离线打开：用登录时记下的网格，上报先存为待发送
      }
      session.me = me;
      sessionStorage.setItem(KEY, JSON.stringify(session));
      showApp();
      return;
    }
    $('login').hidden = false;
  }

  document.addEventListener('DOMContentLoaded', start);
})();
