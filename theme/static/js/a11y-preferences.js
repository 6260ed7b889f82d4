/* Reader preferences of the assistive toolbar (辅助工具), applied before first paint.
   Loaded (not deferred) in <head>: it only reads localStorage and sets the root
   font size and data attributes on <html>; the toolbar script reuses it. */
(function (root) {
  "use strict";

  var STORAGE_KEY = "a11y-preferences";
  var CHOICES = {
    text: [100, 115, 130, 150, 175, 200],
    zoom: [100, 125, 150, 200, 250, 300],
    rate: [0.5, 0.75, 1, 1.25, 1.5, 2],
    scheme: ["default", "black-on-white", "yellow-on-black", "white-on-black", "blue-on-yellow"]
  };
  var DEFAULTS = {
    open: false, text: 100, zoom: 100, scheme: "default", cursor: false,
    crosshair: false, caption: false, point: false, rate: 1, shortcuts: true
  };
  var FLAGS = ["cursor", "crosshair", "caption"];
  /* Text size and zoom multiply; beyond 400% (WCAG's reflow limit) a phone
     screen would hold less than a word a line. */
  var MAX_SCALE = 400;

  function valid(name, value) {
    if (CHOICES[name]) {
      return CHOICES[name].indexOf(value) !== -1;
    }
    return typeof value === typeof DEFAULTS[name];
  }

  function load() {
    var stored = {};
    var preferences = {};
    try {
      stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "{}") || {};
    } catch (error) {
      stored = {};
    }
    Object.keys(DEFAULTS).forEach(function (name) {
      preferences[name] = valid(name, stored[name]) ? stored[name] : DEFAULTS[name];
    });
    return preferences;
  }

  function save(preferences) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(preferences));
    } catch (error) {
      /* Private browsing or storage switched off: the settings last for this page. */
    }
  }

  function apply(preferences) {
    var scale = Math.min(preferences.text * preferences.zoom / 100, MAX_SCALE);
    root.style.fontSize = scale === 100 ? "" : scale + "%";
    if (preferences.scheme === "default") {
      root.removeAttribute("data-a11y-scheme");
    } else {
      root.setAttribute("data-a11y-scheme", preferences.scheme);
    }
    FLAGS.forEach(function (flag) {
      if (preferences[flag]) {
        root.setAttribute("data-a11y-" + flag, "");
      } else {
        root.removeAttribute("data-a11y-" + flag);
      }
    });
  }

  window.a11yPreferences = {
    CHOICES: CHOICES, DEFAULTS: DEFAULTS, load: load, save: save, apply: apply
  };
  apply(load());
}(document.documentElement));
