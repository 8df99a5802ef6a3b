/* The page's view is counted by its beacon image, which needs no script. Only the page knows which
   site sent the visitor (the image's own request names this page), so the site's name, and
   nothing more, follows in a second request when it is another site's. */
(() => {
  const beacon = document.querySelector("img[data-view-beacon]");
  const from = document.referrer ? new URL(document.referrer).hostname : "";
  if (!beacon || !from || from === location.hostname) return;
  const url = new URL(beacon.src);
  url.searchParams.set("from", from);
  fetch(url, { keepalive: true, cache: "no-store" }).catch(() => {});
})();
