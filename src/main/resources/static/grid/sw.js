// 网格员上报页的 service worker：只缓存本页自己的文件（/grid/ 之下），从不缓存或拦截 /api 的数据与凭据。
'use strict';
const CACHE = 'shudi-grid-v1';
const FILES = ['./', 'index.html', 'app.js', 'app.css', 'manifest.json', 'icon-192.png', 'icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shudi-grid-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// 网络优先，断网时用缓存：新版本上线后手机上立即生效，离线时页面仍能打开。
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/grid/')
      || request.headers.has('Authorization')) {
    return; // /api 等一律不经缓存
  }
  event.respondWith(fetch(request).then((response) => {
    if (response.ok && response.type === 'basic') {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request, { ignoreSearch: true })
    .then((cached) => cached || (request.mode === 'navigate' ? caches.match('./') : Response.error()))));
});
