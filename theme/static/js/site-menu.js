/* The 菜单 button of the compact header: it shows and hides the search box and
   the main navigation. portal.css shows the button, and folds the menu while
   the button is not pressed, only where the header is narrow; without script
   the header stays whole. */
(function () {
  "use strict";

  var toggle = document.querySelector(".site-menu-toggle");
  if (!toggle) {
    return;
  }
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  });
}());
