// The portal header on small screens: a "Menu" button shows or hides the sections,
// the search and the account links (without JavaScript they are always shown and the button is not).
// Drop-down entries (<details data-dropdown>) close on Escape or a click elsewhere.
// Loaded in <head>: the "js" class is on <html> before the header is drawn.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector("[data-menu-toggle]");
  if (toggle) {
    const header = toggle.closest("header");
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      header.classList.toggle("is-open", open);
    });
  }
  const dropdowns = document.querySelectorAll("details[data-dropdown]");
  const closeAll = (except) => dropdowns.forEach((d) => { if (d !== except) d.open = false; });
  document.addEventListener("click", (event) => closeAll(event.target.closest("details[data-dropdown]")));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = document.querySelector("details[data-dropdown][open]");
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });
});

// Panels open on wide screens and folded on small ones (the search filters).
document.addEventListener("DOMContentLoaded", () => {
  if (window.matchMedia("(max-width: 59.99rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach((d) => { d.open = false; });
  }
});
