/* Writing aids in the admin: character counters, the plain-language panel beside the markdown
   editor, and clear messages when an image cannot be uploaded. */
(() => {
  "use strict";

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  /* Character counters on limited fields such as title and summary. */
  function addCounter(input) {
    const limit = Number(input.getAttribute("maxlength"));
    if (!limit || input.closest(".inline-related")) return;
    const counter = document.createElement("div");
    counter.className = "char-counter";
    counter.setAttribute("aria-live", "polite");
    const update = () => {
      const left = limit - input.value.length;
      counter.textContent = `${input.value.length} of ${limit} characters`;
      counter.classList.toggle("char-counter--near", left <= Math.max(10, limit * 0.1));
    };
    input.addEventListener("input", update);
    input.insertAdjacentElement("afterend", counter);
    update();
  }

  /* The plain-language panel, refreshed a moment after typing stops. The server renders one
     under each patient-facing field as saved; a markdown editor without one gets its own. */
  function addPanel(editor, panel, url) {
    let timer = null;

    function render(report) {
      panel.replaceChildren();
      const heading = document.createElement("h3");
      heading.textContent = "Plain language";
      const grade = document.createElement("p");
      if (report.grade === null) {
        grade.textContent = report.word_count ? "Too short for a reading grade." : "Write some sentences to see the reading grade.";
      } else {
        const ok = report.grade <= report.target_grade;
        grade.className = ok ? "plain-language__ok" : "plain-language__warn";
        grade.textContent = `Reading grade ${report.grade} (aim for ${report.target_grade} or lower) · ${report.word_count} words`;
      }
      panel.append(heading, grade);
      if (report.long_sentences.length) {
        const title = document.createElement("p");
        title.textContent = `${report.long_sentences.length} sentence(s) over ${report.long_sentence_words} words; consider splitting:`;
        const list = document.createElement("ul");
        report.long_sentences.forEach((sentence) => {
          const item = document.createElement("li");
          item.textContent = sentence;
          list.append(item);
        });
        panel.append(title, list);
      }
      if (report.jargon.length) {
        const title = document.createElement("p");
        title.textContent = "Clinical words with plainer alternatives:";
        const list = document.createElement("ul");
        report.jargon.forEach(({ term, plainer }) => {
          const item = document.createElement("li");
          item.textContent = `“${term}”: try “${plainer}”`;
          list.append(item);
        });
        panel.append(title, list);
      }
    }

    async function check() {
      const body = new URLSearchParams({ text: editor.value });
      try {
        const response = await fetch(url, { method: "POST", body, headers: { "X-CSRFToken": csrfToken() }, credentials: "same-origin" });
        if (response.ok) render(await response.json());
      } catch {
        panel.textContent = "The plain-language check is unavailable just now.";
      }
    }

    editor.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(check, 600);
    });
    return check;
  }

  function newPanel(container) {
    const panel = document.createElement("div");
    panel.className = "plain-language";
    panel.setAttribute("aria-live", "polite");
    container.insertAdjacentElement("afterend", panel);
    return panel;
  }

  /* Upload problems: the editor only logs them, so show the server's message beside it. */
  function showUploadErrors(container) {
    const message = document.createElement("p");
    message.className = "upload-error";
    message.setAttribute("role", "alert");
    message.hidden = true;
    container.insertAdjacentElement("beforebegin", message);
    const show = (event) => {
      let text = "The image could not be uploaded.";
      try {
        // The editor hands over the parsed answer, or its raw text after a network error.
        const answer = event.detail && event.detail[0];
        const errors = typeof answer === "string" ? JSON.parse(answer) : answer;
        text = Object.values(errors).flat().join(" ") || text;
      } catch {
        /* keep the general message */
      }
      message.textContent = text;
      message.hidden = false;
      // The editor writes "Invalid response" into the text right after this event; take it out.
      const editor = container.querySelector("textarea");
      setTimeout(() => {
        editor.value = editor.value.replaceAll("Invalid response", "");
      }, 0);
    };
    container.addEventListener("fileUploadError", show);
    container.addEventListener("markdownx.fileUploadError", show);
    container.addEventListener("markdownx.fileUploadEnd", () => {
      message.hidden = true;
    });
  }

  /* Images: a button for those who cannot drag (phones, tablets), and after every upload the
     placeholder description is selected, so staff type what the picture shows straight away. */
  const DESCRIBE = "Describe this picture for people who cannot see it";

  function askForDescription(editor) {
    const at = editor.value.indexOf(DESCRIBE);
    if (at < 0) return;
    editor.focus();
    editor.setSelectionRange(at, at + DESCRIBE.length);
  }

  function addImageButton(container) {
    const editor = container.querySelector("textarea");
    const label = document.createElement("label");
    label.className = "button image-button";
    label.textContent = "Add an image";
    const input = document.createElement("input");
    input.type = "file";
    input.accept = "image/jpeg,image/png,image/webp";
    input.className = "image-button__input";
    label.append(input);
    container.insertAdjacentElement("beforebegin", label);
    input.addEventListener("change", async () => {
      const file = input.files[0];
      if (!file) return;
      const body = new FormData();
      body.append("image", file);
      const response = await fetch(container.dataset.markdownxUploadUrlsPath || "/markdownx/upload/", {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin",
      });
      const answer = await response.json().catch(() => ({}));
      input.value = "";
      if (!response.ok) {
        container.dispatchEvent(new CustomEvent("markdownx.fileUploadError", { detail: [answer] }));
        return;
      }
      // On a line of its own after the cursor's line, never inside what is written there.
      const lineEnd = editor.value.indexOf("\n", editor.selectionEnd);
      const at = lineEnd < 0 ? editor.value.length : lineEnd;
      editor.value = `${editor.value.slice(0, at)}\n\n${answer.image_code}\n${editor.value.slice(at)}`;
      editor.dispatchEvent(new Event("input", { bubbles: true }));
      askForDescription(editor);
    });
    container.addEventListener("markdownx.fileUploadEnd", () => setTimeout(() => askForDescription(editor), 0));
  }

  // The admin loads this in the page head, before the form exists.
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form input[maxlength][type=text]:not([name$=slug]), form textarea.title-input[maxlength]").forEach(addCounter);
    document.querySelectorAll("[data-plain-language]").forEach((panel) => {
      const editor = document.getElementById(panel.dataset.plainLanguage);
      if (editor) addPanel(editor, panel, "/staff/plain-language/");
    });
    document.querySelectorAll(".markdownx").forEach((container) => {
      const next = container.nextElementSibling;
      if (!next || !next.matches("[data-plain-language]")) {
        addPanel(container.querySelector("textarea"), newPanel(container), "/staff/plain-language/")();
      }
      showUploadErrors(container);
      addImageButton(container);
    });
  });
})();
