/* Submit enhanced forms in place. Progressive enhancement: without this script each form posts
   and the server answers with a full page. With it, the same server page is fetched and only its
   matching region (data-form-region) replaces the form's, so visitors see exactly the same
   states either way. If the network fails, the form and everything typed stay put. */
(() => {
  "use strict";

  const FAILURE = "Oops! Something went wrong while sending the form. Please check your connection and try again; what you typed is still here.";

  function regionIn(doc, name) {
    return doc.querySelector(`[data-form-region="${name}"]`) || doc.querySelector(`[data-form-region-alias="${name}"]`);
  }

  function showFailure(form) {
    let message = form.querySelector("[data-form-failure]");
    if (!message) {
      message = document.createElement("p");
      message.className = "form-failure";
      message.setAttribute("role", "alert");
      message.dataset.formFailure = "";
      form.prepend(message);
    }
    message.textContent = FAILURE;
  }

  async function submit(event) {
    const form = event.target.closest("form[data-enhance]");
    if (!form) return;
    event.preventDefault();
    const region = form.closest("[data-form-region]");
    const button = form.querySelector("[type=submit]");
    if (button.disabled) return;
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const replacement = regionIn(doc, region.dataset.formRegion);
      if (!replacement) throw new Error(`no form region in the ${response.status} answer`);
      replacement.dataset.formRegion = region.dataset.formRegion;
      // A region that is the whole page (the booking page) takes the answer's address too.
      const isWholePage = region.matches("main > *");
      region.replaceWith(replacement);
      const focusTarget = replacement.querySelector("[data-form-focus]");
      if (focusTarget) focusTarget.focus();
      if (isWholePage) document.title = doc.title;
      if (response.redirected && isWholePage) history.replaceState(null, "", response.url);
    } catch {
      button.disabled = false;
      showFailure(form);
    }
  }

  document.addEventListener("submit", submit);
})();
