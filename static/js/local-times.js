/* Show call times in the visitor's own time zone. Without this script they stay in the clinic's
   zone, which the page names. */
(() => {
  "use strict";
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZoneName: "short" });
  const withDate = new Intl.DateTimeFormat(undefined, {
    weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit", timeZoneName: "short",
  });
  document.querySelectorAll("time[data-local-time]").forEach((element) => {
    const moment = new Date(element.getAttribute("datetime"));
    if (Number.isNaN(moment.getTime())) return;
    element.textContent = ("withDate" in element.dataset ? withDate : timeOnly).format(moment);
  });
  document.querySelectorAll("[data-zone-note]").forEach((note) => {
    note.textContent = `Times are shown in your time zone: ${zone.replaceAll("_", " ")}.`;
  });
})();
