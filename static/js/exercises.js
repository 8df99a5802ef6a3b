/* Guided mode and "My routine" for exercise pages.
   Progressive enhancement: without this script every page already lists every step. The routine
   is kept in this browser's localStorage only; the server never learns what a patient chose.
   Contents: 1. routine storage  2. guided plan  3. guided player  4. page hooks */
(() => {
  "use strict";

  const ROUTINE_KEY = "hipcare.routine";
  const VOICE_KEY = "hipcare.read-aloud";
  const GET_READY_SECONDS = 5;
  const CUE_SECONDS = [3, 2, 1];

  /* 1. Routine storage */
  const routine = {
    load() {
      try {
        const slugs = JSON.parse(localStorage.getItem(ROUTINE_KEY) || "[]");
        return Array.isArray(slugs) ? slugs.filter((slug) => typeof slug === "string") : [];
      } catch {
        return [];
      }
    },
    save(slugs) {
      try {
        localStorage.setItem(ROUTINE_KEY, JSON.stringify([...new Set(slugs)]));
        return true;
      } catch {
        return false;
      }
    },
    // Asks the offline cache to keep each exercise in the routine, including ones never opened
    // on this device (a routine saved from a clinician's link).
    keepOffline(exercises) {
      if (!("serviceWorker" in navigator)) return;
      const keep = exercises.map((exercise) => exercise.url);
      navigator.serviceWorker.ready.then((registration) => registration.active && registration.active.postMessage({ keep })).catch(() => {});
    },
    has(slug) {
      return routine.load().includes(slug);
    },
    toggle(slug) {
      const slugs = routine.load();
      return routine.save(slugs.includes(slug) ? slugs.filter((s) => s !== slug) : [...slugs, slug]);
    },
  };

  /* Reading aloud with the browser's own speech synthesis: nothing leaves the device, and it
     works offline. The choice is kept in this browser only. */
  const voice = {
    supported: "speechSynthesis" in window && "SpeechSynthesisUtterance" in window,
    wanted: false,
    remembered() {
      try {
        return localStorage.getItem(VOICE_KEY) === "on";
      } catch {
        return false;
      }
    },
    remember(wanted) {
      voice.wanted = wanted;
      try {
        localStorage.setItem(VOICE_KEY, wanted ? "on" : "off");
      } catch {
        /* Storage may be refused (private browsing); the switch still works for this visit. */
      }
    },
    say(text) {
      if (!voice.wanted || !text) return;
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang || "en";
      window.speechSynthesis.speak(utterance);
    },
    stop() {
      if (voice.supported) window.speechSynthesis.cancel();
    },
  };

  /* 2. Guided plan: every screen the patient will see, in order */
  function buildPlan(exercises) {
    const screens = [];
    exercises.forEach((exercise, index) => {
      const where = exercises.length > 1 ? `Exercise ${index + 1} of ${exercises.length}: ${exercise.name}` : exercise.name;
      // The starting position first: the patient gets into it while the countdown runs.
      const ready = [exercise.startingPosition, exercise.dosage].filter(Boolean).join(" ");
      screens.push({ kind: "ready", where, title: "Get into position", text: ready, image: exercise.startingImage, seconds: GET_READY_SECONDS });
      // After the first repetition only the held steps come round again, each timing itself, so
      // a patient on the floor taps only for what needs them (the first time through, a new side).
      const heldSteps = exercise.steps.filter((step) => step.holdSeconds);
      // A step without a picture of its own keeps the position last shown (a hold is still in
      // the position the step before it reached), so the patient always sees what to hold.
      let shown = exercise.startingImage;
      const pictures = exercise.steps.map((step) => (shown = step.image || shown));
      for (let side = 1; side <= exercise.sides; side += 1) {
        if (side > 1) {
          screens.push({ kind: "switch", where, title: "Switch sides", text: "Now the other side.", seconds: GET_READY_SECONDS });
        }
        for (let set = 1; set <= exercise.sets; set += 1) {
          for (let rep = 1; rep <= exercise.repetitions; rep += 1) {
            const restsBefore = (set > 1 && rep === 1) || (exercise.sets === 1 && rep > 1);
            if (restsBefore && exercise.restSeconds) {
              screens.push({ kind: "rest", where, title: "Rest", text: "Breathe and relax.", seconds: exercise.restSeconds });
            }
            exercise.steps.forEach((step, stepIndex) => {
              if (rep > 1 && heldSteps.length && !step.holdSeconds) return;
              const counters = [];
              if (exercise.sides > 1) counters.push(`Side ${side} of ${exercise.sides}`);
              if (exercise.sets > 1) counters.push(`Set ${set} of ${exercise.sets}`);
              if (exercise.repetitions > 1) counters.push(`Rep ${rep} of ${exercise.repetitions}`);
              counters.push(`Step ${stepIndex + 1} of ${exercise.steps.length}`);
              screens.push({
                kind: "step",
                where,
                title: `Step ${stepIndex + 1}`,
                html: step.html,
                image: pictures[stepIndex],
                video: step.video,
                tip: step.tip,
                seconds: step.holdSeconds || 0,
                progress: counters.join(" · "),
              });
            });
          }
        }
      }
    });
    screens.push({ kind: "done", where: "", title: "Well done", text: "That's everything. Rest and notice how you feel." });
    return screens;
  }

  /* 3. Guided player */
  function createPlayer(dialog) {
    const part = (name) => dialog.querySelector(`[data-guided-${name}]`);
    const ui = {
      progress: part("progress"),
      exercise: part("exercise"),
      title: part("title"),
      body: part("body"),
      // Made here rather than in the page: an image element without a picture is not valid HTML.
      image: Object.assign(document.createElement("img"), { className: "guided__image", alt: "", hidden: true }),
      video: part("video"),
      tip: part("tip"),
      timer: part("timer"),
      announce: part("announce"),
      prev: part("prev"),
      next: part("next"),
      pause: part("pause"),
      voice: part("voice"),
      voiceSwitch: part("voice-switch"),
    };
    ui.image.dataset.guidedImage = "";
    ui.video.before(ui.image);
    let screens = [];
    let index = 0;
    let remaining = 0;
    let ticking = null;
    let audio = null;
    let wakeLock = null;

    const announce = (message) => {
      ui.announce.textContent = message;
    };
    // What a screen says, read aloud when the patient asked for that, else told to screen readers
    // (which have a voice of their own: never both).
    const tell = (message) => {
      voice.stop();
      if (voice.wanted) {
        announce("");
        voice.say(message);
      } else {
        announce(message);
      }
    };

    function cue(isLast) {
      if (navigator.vibrate) navigator.vibrate(isLast ? 400 : 120);
      if (!audio) return;
      try {
        const tone = audio.createOscillator();
        const volume = audio.createGain();
        tone.frequency.value = isLast ? 880 : 660;
        volume.gain.value = 0.15;
        tone.connect(volume).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + (isLast ? 0.4 : 0.12));
      } catch {
        audio = null;
      }
    }

    function stopTimer() {
      clearInterval(ticking);
      ticking = null;
    }

    function renderTimer() {
      const screen = screens[index];
      ui.timer.textContent = screen.seconds ? `${remaining}` : "";
      ui.pause.hidden = !screen.seconds || remaining === 0;
      ui.pause.textContent = ticking ? "Pause" : "Resume";
    }

    function tick() {
      remaining -= 1;
      if (CUE_SECONDS.includes(remaining)) {
        cue(false);
        tell(String(remaining));
      }
      if (remaining <= 0) {
        remaining = 0;
        stopTimer();
        cue(true);
        go(index + 1);
        return;
      }
      renderTimer();
    }

    function startTimer() {
      stopTimer();
      ticking = setInterval(tick, 1000);
    }

    // The screen in words, one sentence a part, each ending once: "Step 3. Lean forward. 30 seconds."
    function describe() {
      const parts = [ui.title.textContent, ui.body.textContent, ui.tip.textContent, remaining ? `${remaining} seconds` : ""]
        .map((part) => part.replace(/\s+/g, " ").trim().replace(/[.:;,]+$/, ""))
        .filter(Boolean);
      return parts.length ? `${parts.join(". ")}.` : "";
    }

    function showImage(image) {
      ui.image.hidden = !image;
      if (!image) {
        ui.image.removeAttribute("src");
        return;
      }
      // Its size first, so the screen keeps its place while the picture loads.
      ui.image.width = image.width;
      ui.image.height = image.height;
      ui.image.alt = image.alt;
      ui.image.src = image.src;
    }

    // A step's clip plays muted, on a loop, for as long as the step is on screen: it shows the
    // movement, and the patient's own sound (or the read-aloud voice) carries the words.
    function showClip(clip) {
      ui.video.pause();
      ui.video.hidden = !clip;
      if (!clip) {
        ui.video.removeAttribute("src");
        return;
      }
      if (ui.video.getAttribute("src") !== clip.src) ui.video.src = clip.src;
      ui.video.play().catch(() => {});
    }

    function go(target) {
      stopTimer();
      index = Math.max(0, Math.min(target, screens.length - 1));
      const screen = screens[index];
      ui.exercise.textContent = screen.where;
      ui.progress.textContent = screen.progress || "";
      ui.title.textContent = screen.title;
      showImage(screen.video ? null : screen.image);
      showClip(screen.video);
      if (screen.html) ui.body.innerHTML = screen.html; // Sanitised server-side by the markdown renderer.
      else ui.body.textContent = screen.text || "";
      ui.tip.textContent = screen.tip ? `Tip: ${screen.tip}` : "";
      ui.prev.disabled = index === 0;
      ui.next.textContent = index === screens.length - 1 ? "Finish" : "Next";
      remaining = screen.seconds || 0;
      if (remaining) startTimer();
      renderTimer();
      tell(describe());
      dialog.dataset.screen = screen.kind;
    }

    function togglePause() {
      if (!screens[index].seconds || remaining === 0) return;
      if (ticking) {
        stopTimer();
        voice.stop();
        ui.video.pause();
        announce("Paused");
      } else {
        startTimer();
        if (!ui.video.hidden) ui.video.play().catch(() => {});
        announce("Resumed");
      }
      renderTimer();
    }

    async function keepAwake() {
      try {
        if ("wakeLock" in navigator && document.visibilityState === "visible") {
          wakeLock = await navigator.wakeLock.request("screen");
        }
      } catch {
        wakeLock = null;
      }
    }

    function close() {
      stopTimer();
      voice.stop();
      ui.video.pause();
      if (wakeLock) wakeLock.release().catch(() => {});
      wakeLock = null;
      if (dialog.open) dialog.close();
    }

    if (voice.supported) {
      voice.wanted = voice.remembered();
      ui.voiceSwitch.hidden = false;
      ui.voice.checked = voice.wanted;
      ui.voice.addEventListener("change", () => {
        voice.remember(ui.voice.checked);
        if (voice.wanted) tell(describe());
        else voice.stop();
      });
    }

    ui.next.addEventListener("click", () => (index === screens.length - 1 ? close() : go(index + 1)));
    ui.prev.addEventListener("click", () => go(index - 1));
    ui.pause.addEventListener("click", togglePause);
    part("close").addEventListener("click", close);
    dialog.addEventListener("close", close);
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "ArrowRight") go(index + 1);
      else if (event.key === "ArrowLeft") go(index - 1);
      else if (event.key === " " && event.target.tagName !== "BUTTON") {
        event.preventDefault();
        togglePause();
      }
    });
    document.addEventListener("visibilitychange", () => {
      if (dialog.open && !wakeLock) keepAwake();
    });

    return {
      play(exercises) {
        screens = buildPlan(exercises);
        try {
          audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        } catch {
          audio = null;
        }
        dialog.showModal();
        keepAwake();
        go(0);
      },
    };
  }

  /* 4. Page hooks */
  // By type and id together: staff text on the page can never stand in for the data.
  const readJson = (id) => {
    const element = document.querySelector(`script[type="application/json"][id="${id}"]`);
    return element ? JSON.parse(element.textContent) : null;
  };

  function hookRoutineToggle(button) {
    const slug = button.dataset.routineToggle;
    const status = document.querySelector("[data-routine-status]");
    const render = (justChanged) => {
      // The label itself says what a press will do, so it needs no pressed state as well.
      button.textContent = routine.has(slug) ? "Remove from my routine" : "Add to my routine";
      const count = routine.load().length;
      if (!status || (!count && !justChanged)) return;
      const said = justChanged ? (routine.has(slug) ? "Added to your routine. " : "Removed from your routine. ") : "";
      const link = document.createElement("a");
      link.href = status.dataset.routineUrl;
      link.textContent = `See my routine (${count} exercise${count === 1 ? "" : "s"})`;
      status.replaceChildren(said, link);
    };
    button.addEventListener("click", () => {
      if (!routine.toggle(slug)) button.textContent = "Your browser would not save the routine";
      else render(true);
    });
    render(false);
  }

  function hookExercisePage(player) {
    const guide = readJson("exercise-guide");
    const actions = document.querySelector("[data-exercise-actions]");
    if (!guide || !actions) return;
    actions.querySelector("[data-guided-start]").addEventListener("click", () => player.play([guide]));
    actions.querySelectorAll("[data-routine-toggle]").forEach(hookRoutineToggle);
  }

  function fillRoutineItem(template, exercise, position, count) {
    const item = template.content.firstElementChild.cloneNode(true);
    const link = item.querySelector("[data-item-link]");
    link.href = exercise.url;
    link.textContent = exercise.name;
    item.querySelector("[data-item-dosage]").textContent = exercise.dosage;
    if (exercise.thumbnail) {
      // Made here rather than in the template: an image element without a picture is not valid HTML.
      const { src, width, height } = exercise.thumbnail;
      item.prepend(Object.assign(document.createElement("img"), { className: "routine__thumbnail", src, width, height, alt: "", loading: "lazy" }));
    }
    const steps = item.querySelector("[data-item-steps]");
    exercise.steps.forEach((step) => {
      const entry = document.createElement("li");
      entry.innerHTML = step.html; // Sanitised server-side by the markdown renderer.
      steps.append(entry);
    });
    item.querySelectorAll("[data-item-action]").forEach((button) => {
      button.dataset.slug = exercise.slug;
      button.setAttribute("aria-label", `${button.textContent}: ${exercise.name}`);
      const action = button.dataset.itemAction;
      button.disabled = (action === "up" && position === 0) || (action === "down" && position === count - 1);
    });
    return item;
  }

  async function hookRoutinePage(player) {
    const page = document.querySelector("[data-routine-page]");
    if (!page) return;
    const shared = readJson("routine-guides");
    if (shared) {
      const tools = page.querySelector("[data-shared-tools]");
      tools.hidden = false;
      tools.querySelector("[data-guided-start]").addEventListener("click", () => player.play(shared));
      page.querySelectorAll("[data-shared-start]").forEach((actions) => {
        actions.hidden = false;
        const button = actions.querySelector("[data-guided-one]");
        button.addEventListener("click", () => player.play([shared[Number(button.dataset.guidedOne)]]));
      });
      tools.querySelector("[data-routine-save]").addEventListener("click", (event) => {
        const saved = routine.save(shared.map((exercise) => exercise.slug));
        if (saved) routine.keepOffline(shared);
        event.target.textContent = saved ? "Saved as my routine" : "Your browser would not save the routine";
      });
      return;
    }

    const own = page.querySelector("[data-own-routine]");
    own.hidden = false;
    const list = own.querySelector("[data-routine-list]");
    const empty = own.querySelector("[data-routine-empty]");
    const tools = own.querySelector("[data-routine-tools]");
    const more = own.querySelector("[data-routine-more]");
    const template = own.querySelector("[data-routine-item]");
    let catalog = {};
    try {
      const response = await fetch(page.dataset.catalogUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(`catalog answered ${response.status}`);
      const data = await response.json();
      catalog = Object.fromEntries(data.exercises.map((exercise) => [exercise.slug, exercise]));
    } catch {
      empty.textContent = "We couldn't load the exercises just now. Please check your connection and reload.";
      empty.hidden = false;
      return;
    }

    const chosen = () => routine.load().filter((slug) => slug in catalog);
    routine.keepOffline(chosen().map((slug) => catalog[slug]));
    const render = () => {
      const slugs = chosen();
      list.replaceChildren(...slugs.map((slug, i) => fillRoutineItem(template, catalog[slug], i, slugs.length)));
      empty.hidden = slugs.length > 0;
      tools.hidden = slugs.length === 0;
      more.hidden = slugs.length === 0;
      const share = more.querySelector("[data-routine-share]");
      share.value = `${location.origin}${location.pathname}?e=${slugs.join(",")}`;
    };
    list.addEventListener("click", (event) => {
      const button = event.target.closest("[data-item-action]");
      if (!button) return;
      const slugs = chosen();
      const at = slugs.indexOf(button.dataset.slug);
      const action = button.dataset.itemAction;
      if (action === "start") {
        player.play([catalog[button.dataset.slug]]);
        return;
      }
      if (action === "remove") slugs.splice(at, 1);
      else {
        const to = action === "up" ? at - 1 : at + 1;
        [slugs[at], slugs[to]] = [slugs[to], slugs[at]];
      }
      routine.save(slugs);
      render();
      const focusTarget = list.querySelector(`[data-slug="${button.dataset.slug}"][data-item-action="${action}"]:not(:disabled)`);
      (focusTarget || list.querySelector("[data-item-link]") || empty).focus();
    });
    tools.querySelector("[data-guided-start]").addEventListener("click", () => player.play(chosen().map((slug) => catalog[slug])));
    more.querySelector("[data-routine-print]").addEventListener("click", () => window.print());
    const copy = more.querySelector("[data-routine-copy]");
    if (navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(more.querySelector("[data-routine-share]").value);
          copy.textContent = "Link copied";
        } catch {
          copy.textContent = "Select the link and copy it";
        }
      });
    }
    render();
  }

  const dialog = document.querySelector("[data-guided]");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const player = createPlayer(dialog);
  hookExercisePage(player);
  hookRoutinePage(player);
})();
