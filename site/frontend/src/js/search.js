// Improves the search page; without JavaScript it works the same as a plain GET form.
// 1. Facets and sort submit the form as soon as they change (focus comes back to the same box).
// 2. Suggestions as you type, following the ARIA 1.2 combobox pattern (list autocomplete).

const FOCUS_KEY = "search-focus";

function setUpAutoSubmit(form) {
  form.classList.add("js-autosubmit");
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    if (target.name === "q") return;
    try {
      sessionStorage.setItem(FOCUS_KEY, target.id);
    } catch {
      // Storage may be disabled: focus is then simply not restored.
    }
    form.requestSubmit ? form.requestSubmit() : form.submit();
  });
  form.addEventListener("submit", () => {
    // A new search starts at page 1 and does not carry empty parameters.
    for (const input of form.querySelectorAll("input[name], select[name]")) {
      if ((input.type === "search" || input.tagName === "SELECT") && !input.value) input.disabled = true;
    }
  });
  let id = null;
  try {
    id = sessionStorage.getItem(FOCUS_KEY);
    sessionStorage.removeItem(FOCUS_KEY);
  } catch {
    id = null;
  }
  const previous = id && document.getElementById(id);
  if (previous) previous.focus();
}

function setUpAutocomplete(container) {
  const input = container.querySelector("input");
  const endpoint = container.dataset.autocomplete;
  if (!input || !endpoint) return;

  const listbox = document.createElement("ul");
  listbox.id = `${input.id}-suggestions`;
  listbox.className = "autocomplete";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
  listbox.hidden = true;
  container.appendChild(listbox);

  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  container.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);

  let options = [];
  let active = -1;
  let timer = null;
  let controller = null;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const highlight = (index) => {
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const render = (results) => {
    listbox.replaceChildren();
    options = results.map((result, index) => {
      const option = document.createElement("li");
      option.id = `${listbox.id}-${index}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = result.url;
      option.textContent = result.title;
      if (result.kind_label) {
        const kind = document.createElement("span");
        kind.className = "autocomplete__kind";
        kind.textContent = result.kind_label;
        option.appendChild(kind);
      }
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => {
        window.location.assign(result.url);
      });
      listbox.appendChild(option);
      return option;
    });
    const count = options.length;
    status.textContent = count ? `${count} suggestion${count > 1 ? "s" : ""}` : "";
    if (count) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    } else {
      close();
    }
  };

  const fetchSuggestions = () => {
    const query = input.value.trim();
    if (query.length < 2) {
      render([]);
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    const url = `${endpoint}?q=${encodeURIComponent(query)}`;
    fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((data) => render(data.results || []))
      .catch(() => {});
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && options.length > 0;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      window.location.assign(options[active].dataset.url);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", close);
}

function setUp() {
  const form = document.querySelector("[data-search-form]");
  if (form) setUpAutoSubmit(form);
  for (const container of document.querySelectorAll("[data-autocomplete]")) setUpAutocomplete(container);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUp);
} else {
  setUp();
}
