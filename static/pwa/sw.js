// Service worker of the PLP-BK portal (served at /sw.js, scope "/").
// Attendance entry pages (/pertemuan/<id>/hadir/) are network-first and kept in a cache, so a page
// opened once reloads without a network; static files are served from the cache and refreshed.
// The queue of typed rows is not here: the page keeps it in IndexedDB and sends it itself, with
// the signed-in user's CSRF token. A login page clears the cached pages (they belong to a user).
// A small own worker rather than Workbox: of Workbox only two runtime strategies would be used
// (network-first, stale-while-revalidate); its precaching needs a build step the portal does not
// have, and its background-sync queue replays requests with the CSRF token and user of the moment
// they were queued, where the page's own queue checks the user and fetches a fresh token.
"use strict";
var PAGES = "plpbk-halaman-v1";
var STATIC = "plpbk-statis-v1";
var ENTRY = /^\/pertemuan\/\d+\/hadir\/$/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function offline() {
  var html = "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'>" +
    "<title>Tidak ada jaringan</title><body style='font-family:sans-serif;padding:1rem'>" +
    "<h1 style='font-size:1.25rem'>Tidak ada jaringan</h1>" +
    "<p>Halaman ini belum pernah dibuka di perangkat ini. Halaman daftar hadir yang sudah pernah dibuka tetap bisa dipakai tanpa jaringan.</p>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function keepPage(request, response) {
  if (response.ok && !response.redirected && response.type === "basic") {
    var copy = response.clone();
    caches.open(PAGES).then(function (cache) { cache.put(request.url, copy); });
  }
  return response;
}

function networkFirst(request, entry) {
  return fetch(request).then(function (response) {
    return entry ? keepPage(request, response) : response;
  }).catch(function () {
    return caches.open(PAGES).then(function (cache) { return cache.match(request.url); })
      .then(function (hit) { return hit || offline(); });
  });
}

function staleWhileRevalidate(request) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(request).then(function (hit) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      });
      return hit || fresh;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(staleWhileRevalidate(request));
  } else if (request.mode === "navigate") {
    if (url.pathname === "/masuk/") { caches.delete(PAGES); }
    event.respondWith(networkFirst(request, ENTRY.test(url.pathname)));
  }
});

// The entry page names itself and its files once the worker is active: the first visit was not
// yet under the worker's control, and must reload offline all the same.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "simpan" || !Array.isArray(data.urls)) { return; }
  event.waitUntil(Promise.all(data.urls.map(function (u) {
    var url = new URL(u, self.location.origin);
    if (url.origin !== self.location.origin) { return null; }
    var isStatic = url.pathname.indexOf("/static/") === 0;
    if (!isStatic && !ENTRY.test(url.pathname)) { return null; }
    return fetch(url.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || response.redirected) { return null; }
      return caches.open(isStatic ? STATIC : PAGES).then(function (cache) { return cache.put(url.href, response); });
    }).catch(function () { return null; });
  })));
});
