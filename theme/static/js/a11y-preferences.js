/* Reader preferences of the assistive toolbar (辅助工具), applied before first paint.
   Loaded (not deferred) in <head> of every page and of every plain-text twin: it
   only reads localStorage and sets the root font size, the root zoom and data
   attributes on <html>; the toolbar script reuses it. */
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
     screen would hold less than a word a line, so the zoom gives way. */
  var MAX_SCALE = 400;
  /* A phone, upright or on its side: an open toolbar would fill its screen on every page. */
  var NARROW_SCREEN = "(max-width: 40em), (max-height: 30em)";

  function valid(name, value) {
    if (CHOICES[name]) {
      return CHOICES[name].indexOf(value) !== -1;
    }
    return typeof value === typeof DEFAULTS[name];
  }

  /* The stored preferences; on a narrow screen the toolbar starts closed on each page. */
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
    if (window.matchMedia && window.matchMedia(NARROW_SCREEN).matches) {
      preferences.open = false;
    }
    return preferences;
  }

  function save(preferences) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(preferences));
    } catch (error) {
      /* Private browsing or storage switched off: the settings last for this page. */
    }
  }

  /* 文字大小 sets the root font size: text only. 页面缩放 zooms the whole page
     (controls, borders, focus rings, images), which still reflows: the zoomed
     page lays out in a viewport as many times narrower. --page-zoom lets the
     stylesheets keep viewport-sized parts (the caption bar) to the viewport. */
  function apply(preferences) {
    var zoom = Math.min(preferences.zoom, MAX_SCALE * 100 / preferences.text) / 100;
    root.style.fontSize = preferences.text === 100 ? "" : preferences.text + "%";
    root.style.zoom = zoom === 1 ? "" : String(zoom);
    if (zoom === 1) {
      root.style.removeProperty("--page-zoom");
    } else {
      root.style.setProperty("--page-zoom", String(zoom));
    }
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
