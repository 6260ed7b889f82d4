/* The assistive toolbar (辅助工具): progressive enhancement on an accessible page.
   Clones the inert <template id="a11y-toolbar-template">, wires its buttons to
   the reader's preferences (a11y-preferences.js), and draws the display aids.
   Nothing here speaks or moves unless the reader switched it on. */
(function () {
  "use strict";

  var store = window.a11yPreferences;
  var template = document.getElementById("a11y-toolbar-template");
  if (!store || !template || !template.content || !window.a11ySpeech) {
    return;
  }

  var root = document.documentElement;
  var preferences = store.load();
  var speech = window.a11ySpeech;
  var shortcuts = JSON.parse(template.getAttribute("data-shortcuts") || "[]");
  var READABLE = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, blockquote, figcaption, summary, label";
  var POINTABLE = "a, button, output, " + READABLE;
  /* How long the pointer rests on a block before 指读 reads it. */
  var HOVER_DELAY = 150;

  var fragment = template.content.cloneNode(true);
  var toggle = fragment.querySelector(".a11y-toggle");
  var panel = fragment.querySelector(".a11y-panel");
  var utilityBar = document.querySelector(".utility-bar__inner");
  utilityBar.appendChild(toggle);
  utilityBar.parentNode.parentNode.insertBefore(panel, utilityBar.parentNode.nextSibling);

  /* Display aids: drawn outside the accessibility tree and never catching the pointer. */
  var aids = document.createElement("div");
  aids.className = "a11y-aids";
  aids.setAttribute("aria-hidden", "true");
  aids.innerHTML = '<div class="a11y-crosshair a11y-crosshair--x"></div>' +
    '<div class="a11y-crosshair a11y-crosshair--y"></div><div class="a11y-caption"></div>';
  document.body.appendChild(aids);
  var crosshairX = aids.querySelector(".a11y-crosshair--x");
  var crosshairY = aids.querySelector(".a11y-crosshair--y");
  var caption = aids.querySelector(".a11y-caption");
  /* What speech could not read, shown and announced (the caption bar is hidden from screen readers). */
  var notice = document.createElement("p");
  notice.className = "a11y-speech-notice";
  notice.setAttribute("role", "status");
  notice.hidden = true;
  document.body.appendChild(notice);

  function step(name, direction) {
    var choices = store.CHOICES[name];
    var index = choices.indexOf(preferences[name]) + direction;
    return choices[Math.max(0, Math.min(choices.length - 1, index))];
  }

  function button(action) {
    return panel.querySelector('[data-action="' + action + '"]');
  }

  function render() {
    toggle.setAttribute("aria-expanded", String(preferences.open));
    panel.hidden = !preferences.open;
    panel.querySelector('[data-status="text"]').textContent = "文字 " + preferences.text + "%";
    panel.querySelector('[data-status="zoom"]').textContent = "缩放 " + preferences.zoom + "%";
    panel.querySelector('[data-status="rate"]').textContent = "语速 " + preferences.rate + "倍";
    Array.prototype.forEach.call(panel.querySelectorAll('[data-action="scheme"]'), function (choice) {
      choice.setAttribute("aria-pressed", String(choice.getAttribute("data-value") === preferences.scheme));
    });
    ["cursor", "crosshair", "caption", "point", "shortcuts"].forEach(function (name) {
      button(name).setAttribute("aria-pressed", String(preferences[name]));
    });
    button("read").setAttribute("aria-pressed", String(reading.active));
    button("pause").setAttribute("aria-pressed", String(reading.paused));
    if (!preferences.caption && !reading.active) {
      caption.textContent = "";
    }
  }

  function update(changes) {
    Object.keys(changes).forEach(function (name) {
      preferences[name] = changes[name];
    });
    store.save(preferences);
    store.apply(preferences);
    render();
  }

  /* Speech (a11y-speech.js): the page's recordings, else the browser's voice,
     else a message; only when the reader asks. */
  var reading = { active: false, paused: false, blocks: [], index: 0 };
  var NO_SPEECH = {
    "no-speech": "这段文字暂时没有语音，浏览器也无法朗读。",
    "not-allowed": "浏览器要先点击页面才能播放声音：请点击页面任意处后再试。"
  };

  function languageOf(element) {
    var holder = element.closest("[lang]");
    return holder ? holder.getAttribute("lang") : "zh-CN";
  }

  function highlight(element) {
    var marked = document.querySelector(".a11y-reading");
    if (marked) {
      marked.classList.remove("a11y-reading");
    }
    if (element) {
      element.classList.add("a11y-reading");
      element.scrollIntoView({ block: "nearest" });
    }
  }

  function tell(message) {
    notice.textContent = message;
    notice.hidden = !message;
  }

  function showCaption(element) {
    caption.textContent = element ? speech.textOf(element) : "";
    if (element) {
      caption.setAttribute("lang", languageOf(element));
    }
  }

  function stopReading() {
    reading.active = false;
    reading.paused = false;
    speech.stop();
    highlight(null);
    root.removeAttribute("data-a11y-reading");
    showCaption(null);
    render();
  }

  function isVisible(element) {
    return element.getClientRects().length > 0;
  }

  /* The blocks of the main content in reading order, as portal/speech/blocks.py finds them. */
  function readingBlocks() {
    var main = document.getElementById("main");
    return Array.prototype.filter.call(main.querySelectorAll(READABLE + ", a, button, output, img[alt]"), function (element) {
      if (!speech.isSpeakable(speech.textOf(element)) || !isVisible(element) || element.closest('[aria-hidden="true"]')) {
        return false;
      }
      if (element.matches(READABLE)) {
        return !Array.prototype.some.call(element.querySelectorAll(READABLE), function (inner) {
          return speech.textOf(inner);
        });
      }
      return !element.parentElement.closest(READABLE);
    });
  }

  function readBlock(index) {
    var block = reading.blocks[index];
    if (!block) {
      stopReading();
      tell("本页已读完。");
      return;
    }
    reading.index = index;
    reading.paused = false;
    highlight(block);
    showCaption(block);
    render();
    speech.speak(speech.textOf(block), languageOf(block), preferences.rate, {
      end: function () { readBlock(index + 1); },
      fail: function (reason) {
        stopReading();
        tell(NO_SPEECH[reason] + "连读已停止。");
      }
    });
  }

  function readOn() {
    tell("");
    reading.active = true;
    reading.blocks = readingBlocks();
    root.setAttribute("data-a11y-reading", "");
    readBlock(0);
  }

  function moveBy(step) {
    if (reading.active) {
      readBlock(Math.max(0, Math.min(reading.blocks.length - 1, reading.index + step)));
    }
  }

  function togglePause() {
    if (!reading.active) {
      return;
    }
    reading.paused = !reading.paused;
    if (reading.paused) {
      speech.pause();
    } else {
      speech.resume();
    }
    render();
  }

  function pointedElement(target) {
    if (!(target instanceof Element) || aids.contains(target) || notice.contains(target)) {
      return null;
    }
    if (target.tagName === "IMG") {
      return target.alt ? target : null;
    }
    return target.closest(POINTABLE);
  }

  var lastPointed = null;
  var pointTimer = 0;

  function speakPointed(element) {
    if (preferences.point && !reading.active && speech.isSpeakable(speech.textOf(element))) {
      tell("");
      speech.speak(speech.textOf(element), languageOf(element), preferences.rate, {
        end: function () {},
        fail: function (reason) { tell(NO_SPEECH[reason]); }
      });
    }
  }

  /* A newly pointed element shows in the caption bar at once and is read after *delay* ms. */
  function pointAt(target, delay) {
    var element = pointedElement(target);
    if (!element || element === lastPointed) {
      return;
    }
    lastPointed = element;
    if (preferences.caption && !reading.active) {
      showCaption(element);
    }
    window.clearTimeout(pointTimer);
    pointTimer = window.setTimeout(function () { speakPointed(element); }, delay);
  }

  function setRate(rate) {
    update({ rate: rate });
    speech.setRate(rate);
  }

  var actions = {
    "toggle": function () { update({ open: !preferences.open }); },
    "close": function () { update({ open: false }); toggle.focus(); },
    "text-larger": function () { update({ text: step("text", 1) }); },
    "text-smaller": function () { update({ text: step("text", -1) }); },
    "text-reset": function () { update({ text: 100 }); },
    "zoom-in": function () { update({ zoom: step("zoom", 1) }); },
    "zoom-out": function () { update({ zoom: step("zoom", -1) }); },
    "zoom-reset": function () { update({ zoom: 100 }); },
    "scheme": function (value) { update({ scheme: value }); },
    "scheme-next": function () {
      var schemes = store.CHOICES.scheme;
      update({ scheme: schemes[(schemes.indexOf(preferences.scheme) + 1) % schemes.length] });
    },
    "cursor": function () { update({ cursor: !preferences.cursor }); },
    "crosshair": function () { update({ crosshair: !preferences.crosshair }); },
    "caption": function () { update({ caption: !preferences.caption }); },
    "point": function () {
      if (preferences.point && !reading.active) {
        speech.stop();
      }
      tell("");
      update({ point: !preferences.point });
    },
    "read": function () {
      if (reading.active) {
        stopReading();
      } else {
        readOn();
      }
    },
    "pause": togglePause,
    "previous": function () { moveBy(-1); },
    "next": function () { moveBy(1); },
    "stop": function () { stopReading(); tell(""); },
    "rate-up": function () { setRate(step("rate", 1)); },
    "rate-down": function () { setRate(step("rate", -1)); },
    "shortcuts": function () { update({ shortcuts: !preferences.shortcuts }); },
    "plain-text": function () { window.location.href = document.querySelector(".plain-text-link").href; },
    "reset": function () {
      stopReading();
      var defaults = {};
      Object.keys(store.DEFAULTS).forEach(function (name) {
        defaults[name] = store.DEFAULTS[name];
      });
      defaults.open = preferences.open;
      update(defaults);
    }
  };

  toggle.addEventListener("click", actions.toggle);
  panel.addEventListener("click", function (event) {
    var control = event.target.closest("[data-action]");
    if (control) {
      actions[control.getAttribute("data-action")](control.getAttribute("data-value"));
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      stopReading();
      tell("");
      return;
    }
    if (!preferences.shortcuts || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) {
      return;
    }
    shortcuts.forEach(function (shortcut) {
      var code = /^[0-9]$/.test(shortcut.key) ? "Digit" + shortcut.key : "Key" + shortcut.key;
      if (event.code === code) {
        event.preventDefault();
        actions[shortcut.action]();
      }
    });
  });

  /* 指读: the block under the pointer (after a short rest), the focused element, a
     clicked block, or a tapped one: on a touch screen the first tap on a link
     reads it, and a second tap follows it. */
  var lastPointerType = "mouse";
  var lastTapped = null;
  document.addEventListener("pointerdown", function (event) {
    lastPointerType = event.pointerType;
  }, { passive: true });
  document.addEventListener("mouseover", function (event) {
    if ((preferences.point || preferences.caption) && lastPointerType === "mouse") {
      pointAt(event.target, HOVER_DELAY);
    }
  });
  document.addEventListener("focusin", function (event) {
    if (preferences.point || preferences.caption) {
      pointAt(event.target, 0);
    }
  });
  document.addEventListener("click", function (event) {
    var element = pointedElement(event.target);
    if (!preferences.point || !element || panel.contains(element) || toggle.contains(element)) {
      return;
    }
    var control = element.closest("a, button, summary, label");
    if (lastPointerType !== "mouse" && control && control !== lastTapped) {
      event.preventDefault();
      lastTapped = control;
    } else if (control) {
      lastTapped = null;
      return;
    }
    window.clearTimeout(pointTimer);
    speakPointed(element);
  }, true);
  document.addEventListener("mousemove", function (event) {
    if (preferences.crosshair) {
      crosshairX.style.top = event.clientY + "px";
      crosshairY.style.left = event.clientX + "px";
    }
  }, { passive: true });

  window.addEventListener("pagehide", function () {
    speech.stop();
  });

  if (preferences.point) {
    speech.load();  /* 指读 is on: the first block pointed at reads without waiting for the map. */
  }
  render();
}());
