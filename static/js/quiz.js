/* One question per screen for the self-check. Progressive enhancement: without this script every
   question is on the page with one submit button, and the server checks the answers either way. */
(() => {
  "use strict";
  const form = document.querySelector("form[data-quiz]");
  if (!form) return;
  const questions = [...form.querySelectorAll("[data-quiz-question]")];
  const back = form.querySelector("[data-quiz-back]");
  const next = form.querySelector("[data-quiz-next]");
  const submit = form.querySelector("[data-quiz-submit]");
  const progress = form.querySelector("[data-quiz-progress]");
  if (!questions.length) return;

  const firstWithError = questions.findIndex((question) => question.querySelector("[data-quiz-error]").textContent.trim());
  let current = Math.max(firstWithError, 0);

  const isAnswered = (question) => question.querySelector("input:checked") !== null;

  function show(index, moveFocus) {
    current = index;
    questions.forEach((question, i) => question.classList.toggle("is-current", i === index));
    const isLast = index === questions.length - 1;
    back.disabled = index === 0;
    next.hidden = isLast;
    submit.classList.toggle("is-shown", isLast);
    progress.textContent = `Question ${index + 1} of ${questions.length}`;
    if (moveFocus) questions[index].querySelector("legend").focus();
  }

  function complain(question) {
    const error = question.querySelector("[data-quiz-error]");
    error.textContent = question.dataset.kind === "multiple"
      ? "Please choose at least one answer (or “None of these”)."
      : "Please answer this question.";
    question.setAttribute("aria-describedby", error.id);
    question.querySelector("input").focus();
  }

  next.addEventListener("click", () => {
    const question = questions[current];
    if (!isAnswered(question)) {
      complain(question);
      return;
    }
    question.querySelector("[data-quiz-error]").textContent = "";
    show(current + 1, true);
  });
  back.addEventListener("click", () => show(current - 1, true));
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("input") && !next.hidden) {
      event.preventDefault();
      next.click();
    }
  });

  // A red-flag answer needs urgent guidance now, not after the remaining questions.
  form.addEventListener("change", (event) => {
    if (event.target.matches("[data-red-flag]") && event.target.checked) form.requestSubmit();
  });

  show(current, firstWithError >= 0);
  form.classList.add("quiz--stepped");
})();
