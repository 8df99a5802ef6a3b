{% load static %}/* Offline support. Exercise pages a patient has opened, their routine and the exercise
   catalogue it is drawn from are kept on the device, so a routine still works with no signal.
   Forms, staff pages and self-check results are never stored. */
"use strict";

const VERSION = "{{ version }}";
const SHELL = `shell-${VERSION}`;
const PAGES = "pages";
const OFFLINE = "{% url 'offline' %}";
const SHELL_FILES = [OFFLINE, "{% static 'css/site.css' %}", "{% static 'css/exercises.css' %}", "{% static 'css/wide.css' %}", "{% static 'js/exercises.js' %}", "{% static 'img/favicon.svg' %}"];
const KEEP = [/^\/exercises\/(?!my-routine\/\?)[\w-]+\/$/, /^\/exercises\/my-routine\/$/, /^\/exercises\/catalog\.json$/, /^\/exercises\/$/];
const NEVER = [/^\/admin\//, /^\/staff\//, /^\/book\//, /^\/newsletter\//, /^\/self-check\/.*result/];
// What a routine needs offline even before the patient opens it again.
const ROUTINE_PAGES = ["{% url 'exercises:routine' %}", "{% url 'exercises:catalog' %}"];

const keepable = (url) => {
  const { origin, pathname, search } = new URL(url, location.origin);
  return origin === location.origin && !search && !NEVER.some((rule) => rule.test(pathname)) && KEEP.some((rule) => rule.test(pathname));
};

// Stores pages fetched before this worker was there to keep them (the exercise the patient had
// open while it installed, a routine saved from a clinician's link), leaving ones already kept.
function keepNow(urls) {
  const wanted = [...new Set(urls.map((url) => new URL(url, location.origin).pathname))].filter(keepable);
  return caches.open(PAGES).then((cache) =>
    Promise.all(
      wanted.map((url) =>
        cache
          .match(url, { ignoreVary: true })
          .then((hit) => hit || fetch(url, { credentials: "same-origin" }).then((response) => response.ok && cache.put(url, response)))
          .catch(() => {}),
      ),
    ),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("shell-") && name !== SHELL).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
      .then(() => self.clients.matchAll({ type: "window", includeUncontrolled: true }))
      .then((open) => keepNow([...ROUTINE_PAGES, ...open.map((client) => client.url)])),
  );
});

// A page tells the worker which exercises its routine holds, so they open offline too.
self.addEventListener("message", (event) => {
  if (event.origin && event.origin !== location.origin) return;
  const urls = event.data && Array.isArray(event.data.keep) ? event.data.keep.filter((url) => typeof url === "string") : [];
  if (urls.length) event.waitUntil(keepNow(urls));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;

  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  const never = NEVER.some((rule) => rule.test(url.pathname));
  const keep = !never && !url.search && KEEP.some((rule) => rule.test(url.pathname));
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (keep && response.ok) {
          const copy = response.clone();
          caches.open(PAGES).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        (never ? Promise.resolve(undefined) : caches.match(request, { ignoreVary: true })).then(
          (hit) => hit || (request.mode === "navigate" ? caches.match(OFFLINE) : Response.error()),
        ),
      ),
  );
});
