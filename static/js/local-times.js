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
  // "Pacific Time", as people say it, where the browser can name it so.
  let zoneName = zone.replaceAll("_", " ");
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZoneName: "longGeneric" }).formatToParts(new Date());
    zoneName = parts.find((part) => part.type === "timeZoneName").value;
  } catch {
    // An older browser: the zone's own name will do.
  }
  document.querySelectorAll("[data-zone-note]").forEach((note) => {
    note.textContent = `Times are shown in your time zone, ${zoneName}.`;
  });
  // Emails about the call then give its time in this zone too.
  document.querySelectorAll("input[name=time_zone]").forEach((input) => {
    input.value = zone;
  });
})();
