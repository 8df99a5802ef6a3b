/* "Listen": reads the article aloud with the browser's own speech synthesis, so nothing leaves
   the device. Reads the title, summary, key points, body and help box in page order, and skips
   the outline, invitations and exercise cards, which are for looking at. */
(() => {
  "use strict";

  const box = document.querySelector("[data-listen]");
  const article = document.querySelector(".article");
  if (!box || !article || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;

  const SKIPPED = ".article__topics, .toc, .cta, .embed-card, .invite, .signup, .listen, .credits, .draft-banner, nav, [aria-labelledby='references-title']";
  const READ = "h1, h2, h3, h4, p, li, blockquote";
  const play = box.querySelector("[data-listen-play]");
  const stopButton = box.querySelector("[data-listen-stop]");
  const speed = box.querySelector("[data-listen-speed]");
  const speech = window.speechSynthesis;
  let parts = [];
  let position = 0;
  let state = "stopped";
  // Each utterance knows the run it belongs to: one cut short by pause, speed or stop must not
  // move the reading on when the engine reports its end.
  let run = 0;

  function passages() {
    return [...article.querySelectorAll(READ)]
      .filter((element) => !element.closest(SKIPPED) && !element.querySelector(READ))
      .map((element) => element.textContent.replace(/\s+/g, " ").trim())
      .filter(Boolean);
  }

  function show() {
    play.textContent = { stopped: "Listen", playing: "Pause", paused: "Resume" }[state];
    stopButton.disabled = state === "stopped";
  }

  function speakFrom(index) {
    run += 1;
    const thisRun = run;
    position = index;
    if (position >= parts.length) {
      stop();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(parts[position]);
    utterance.lang = document.documentElement.lang || "en";
    utterance.rate = Number(speed.value) || 1;
    utterance.onend = () => {
      if (thisRun === run && state === "playing") speakFrom(position + 1);
    };
    speech.speak(utterance);
  }

  function stop() {
    run += 1;
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
