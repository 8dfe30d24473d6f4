// Admin > Import actors: checking and writing a long file takes a while. Once the form is sent,
// the page says so (a progress bar, and a status message that screen readers announce) and the
// button is disabled, so that a second click does not send the file twice.
function setUpImportProgress() {
  const form = document.querySelector("[data-import-form]");
  if (!form) return;
  const button = form.querySelector("[data-import-submit]");
  const progress = form.querySelector("[data-import-progress]");
  const status = form.querySelector("[data-import-status]");
  const checkOnly = form.querySelector("input[name='check_only']");

  form.addEventListener("submit", (event) => {
    if (event.defaultPrevented) return;
    button.disabled = true;
    progress.hidden = false;
    status.textContent =
      checkOnly && checkOnly.checked ? status.dataset.checkMessage : status.dataset.importMessage;
  });
  // Coming back with the browser's Back button may restore the page as it was left: ready again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    button.disabled = false;
    progress.hidden = true;
    status.textContent = "";
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpImportProgress);
} else {
  setUpImportProgress();
}
