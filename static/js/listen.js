/* "Listen": reads the article aloud with the browser's own speech synthesis, so nothing leaves
   the device. Reads only what the page marks with data-listen-text (the title, summary, key
   points, body and help box), in page order: the byline, references and disclaimer are for
   looking at. When the browser's voice fails, the patient is told so and the button resets. */
(() => {
  "use strict";

  const box = document.querySelector("[data-listen]");
  const article = document.querySelector(".article");
  if (!box || !article || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;

  const SKIPPED = ".toc, .cta, .embed-card, .invite, .signup, .listen, .credits, .draft-banner, nav";
  const READ = ["h1", "h2", "h3", "h4", "p", "li", "blockquote"];
  const READABLE = READ.flatMap((tag) => [`${tag}[data-listen-text]`, `[data-listen-text] ${tag}`]).join(", ");
  // A voice that has not started this long after being asked never will (no voice installed).
  const START_WAIT_MS = 4000;
  const play = box.querySelector("[data-listen-play]");
  const stopButton = box.querySelector("[data-listen-stop]");
  const speed = box.querySelector("[data-listen-speed]");
  const status = box.querySelector("[data-listen-status]");
  const speech = window.speechSynthesis;
  let parts = [];
  let position = 0;
  let state = "stopped";
  // Each utterance knows the run it belongs to: one cut short by pause, speed or stop must not
  // move the reading on, nor count as a failure, when the engine reports its end.
  let run = 0;
  let startWatch = null;

  const FAILURES = {
    "not-allowed": "Your browser did not allow reading aloud. Press Listen to try again.",
    canceled: "Reading aloud was stopped by your device. Press Listen to start again.",
    interrupted: "Reading aloud was stopped by your device. Press Listen to start again.",
    "synthesis-unavailable": "Your browser has no voice to read with. You can still read the article here.",
    "voice-unavailable": "Your browser has no voice to read with. You can still read the article here.",
    "language-unavailable": "Your browser has no voice for this language. You can still read the article here.",
    silent: "Your browser has no voice to read with. You can still read the article here.",
  };
  const FAILED = "Your browser's voice stopped with an error. Press Listen to try again.";

  function passages() {
    const READ_SELECTOR = READ.join(", ");
    return [...article.querySelectorAll(READABLE)]
      .filter((element) => !element.closest(SKIPPED) && !element.querySelector(READ_SELECTOR))
      .map((element) => element.textContent.replace(/\s+/g, " ").trim())
      .filter(Boolean);
  }

  function show() {
    play.textContent = { stopped: "Listen", playing: "Pause", paused: "Resume" }[state];
    stopButton.disabled = state === "stopped";
  }

  function say(message) {
    status.textContent = message;
  }

  function fail(reason) {
    stop();
    say(FAILURES[reason] || FAILED);
    play.focus();
  }

  function speakFrom(index) {
    run += 1;
    const thisRun = run;
    position = index;
    clearTimeout(startWatch);
    if (position >= parts.length) {
      stop();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(parts[position]);
    let started = false;
    utterance.lang = document.documentElement.lang || "en";
    utterance.rate = Number(speed.value) || 1;
    utterance.onstart = () => {
      started = true;
    };
    utterance.onend = () => {
      if (thisRun === run && state === "playing") speakFrom(position + 1);
    };
    utterance.onerror = (event) => {
      if (thisRun === run && state !== "stopped") fail(event && event.error);
    };
    speech.speak(utterance);
    startWatch = setTimeout(() => {
      if (thisRun === run && state === "playing" && !started && !speech.speaking && !speech.pending) fail("silent");
    }, START_WAIT_MS);
  }

  function stop() {
    run += 1;
    clearTimeout(startWatch);
    state = "stopped";
    position = 0;
    speech.cancel();
    show();
  }

  play.addEventListener("click", () => {
    if (state === "playing") {
      state = "paused";
      speech.pause();
    } else if (state === "paused") {
      state = "playing";
      speech.resume();
    } else {
      say("");
      parts = passages();
      state = "playing";
      speech.cancel();
      speakFrom(0);
    }
    show();
  });
  stopButton.addEventListener("click", stop);
  speed.addEventListener("change", () => {
    if (state !== "playing") return;
    speech.cancel();
    speakFrom(position); // the passage again, at the new speed
  });
  window.addEventListener("pagehide", stop);
})();
