// The main menu collapses behind a disclosure button on small screens. Without JavaScript the
// button stays hidden and the menu stays open.
function setUpMenu() {
  const toggle = document.querySelector(".site-nav__toggle");
  const list = document.getElementById("site-nav-list");
  if (!toggle || !list) return;
  const narrow = window.matchMedia("(max-width: 48rem)");

  const apply = () => {
    if (narrow.matches) {
      toggle.hidden = false;
      list.hidden = toggle.getAttribute("aria-expanded") !== "true";
    } else {
      toggle.hidden = true;
      list.hidden = false;
    }
  };
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    apply();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      toggle.setAttribute("aria-expanded", "false");
      apply();
      toggle.focus();
    }
  });
  narrow.addEventListener("change", apply);
  apply();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpMenu);
} else {
  setUpMenu();
}
