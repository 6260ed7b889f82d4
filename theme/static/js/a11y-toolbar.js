/* The assistive toolbar (辅助工具): progressive enhancement on an accessible page.
   Clones the inert <template id="a11y-toolbar-template">, wires its buttons to
   the reader's preferences (a11y-preferences.js), and draws the display aids.
   Nothing here speaks or moves unless the reader switched it on. */
(function () {
  "use strict";

  var store = window.a11yPreferences;
  var template = document.getElementById("a11y-toolbar-template");
  if (!store || !template || !template.content) {
    return;
  }

  var root = document.documentElement;
  var preferences = store.load();
  var speech = "speechSynthesis" in window ? window.speechSynthesis : null;
  /* An item's own recording (plugin item_audio): 连读 plays it instead of the browser's voice. */
  var recording = document.querySelector("audio.item-audio__player");
  var shortcuts = JSON.parse(template.getAttribute("data-shortcuts") || "[]");
  var READABLE = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, blockquote, figcaption, summary, label";
  var POINTABLE = "a, button, output, " + READABLE;

  var fragment = template.content.cloneNode(true);
  var toggle = fragment.querySelector(".a11y-toggle");
  var panel = fragment.querySelector(".a11y-panel");
  var utilityBar = document.querySelector(".utility-bar__inner");
  utilityBar.appendChild(toggle);
  utilityBar.parentNode.parentNode.insertBefore(panel, utilityBar.parentNode.nextSibling);
  if (!speech && !recording) {
    panel.querySelector('[data-needs="speech"]').hidden = true;
  }

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
    if (!preferences.caption) {
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

  /* Speech: the browser's own speech synthesis, only when the reader asks. */
  var reading = { active: false, paused: false, blocks: [], index: 0 };

  function languageOf(element) {
    var holder = element.closest("[lang]");
    return holder ? holder.getAttribute("lang") : "zh-CN";
  }

  function textOf(element) {
    var text = element.tagName === "IMG" ? element.alt : (element.innerText || element.textContent);
    return (text || "").replace(/\s+/g, " ").trim().slice(0, 300);
  }

  function speak(text, lang, onEnd) {
    if (!speech || !text) {
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.rate = preferences.rate;
    if (onEnd) {
      utterance.onend = onEnd;
    }
    speech.speak(utterance);
  }

  function highlight(element) {
    var current = document.querySelector(".a11y-reading");
    if (current) {
      current.classList.remove("a11y-reading");
    }
    if (element) {
      element.classList.add("a11y-reading");
      element.scrollIntoView({ block: "nearest" });
    }
  }

  function stopSpeech() {
    reading.active = false;
    reading.paused = false;
    if (speech) {
      speech.cancel();
    }
    if (recording) {
      recording.pause();
      recording.currentTime = 0;
    }
    highlight(null);
    render();
  }

  function readingBlocks() {
    var main = document.getElementById("main");
    return Array.prototype.filter.call(main.querySelectorAll(READABLE), function (element) {
      return !element.querySelector(READABLE) && textOf(element) && element.offsetParent !== null;
    });
  }

  function readNext() {
    if (!reading.active) {
      return;
    }
    var block = reading.blocks[reading.index];
    if (!block) {
      stopSpeech();
      return;
    }
    highlight(block);
    reading.index += 1;
    speak(textOf(block), languageOf(block), readNext);
  }

  function playRecording() {
    recording.playbackRate = preferences.rate;
    recording.onended = stopSpeech;
    var playing = recording.play();
    if (playing) {
      playing.catch(stopSpeech);
    }
  }

  function readOn() {
    if (speech) {
      speech.cancel();
    }
    reading.active = true;
    reading.paused = false;
    if (recording) {
      render();
      playRecording();
      return;
    }
    reading.blocks = readingBlocks();
    reading.index = 0;
    render();
    readNext();
  }

  function togglePause() {
    if (!reading.active) {
      return;
    }
    reading.paused = !reading.paused;
    if (recording) {
      if (reading.paused) {
        recording.pause();
      } else {
        playRecording();
      }
    } else if (speech) {
      if (reading.paused) {
        speech.pause();
      } else {
        speech.resume();
      }
    }
    render();
  }

  function pointedElement(target) {
    if (!(target instanceof Element) || aids.contains(target)) {
      return null;
    }
    if (target.tagName === "IMG") {
      return target;
    }
    return target.closest(POINTABLE);
  }

  var lastPointed = null;
  var pointTimer = 0;

  function pointAt(target) {
    var element = pointedElement(target);
    if (!element || element === lastPointed) {
      return;
    }
    lastPointed = element;
    if (preferences.caption) {
      caption.textContent = textOf(element);
      caption.setAttribute("lang", languageOf(element));
    }
    if (preferences.point && !reading.active) {
      window.clearTimeout(pointTimer);
      pointTimer = window.setTimeout(function () {
        if (speech) {
          speech.cancel();
        }
        speak(textOf(element), languageOf(element));
      }, 250);
    }
  }

  function setRate(rate) {
    update({ rate: rate });
    if (recording) {
      recording.playbackRate = rate;
    }
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
      if (preferences.point && speech) {
        speech.cancel();
      }
      update({ point: !preferences.point });
    },
    "read": function () {
      if (reading.active) {
        stopSpeech();
      } else {
        readOn();
      }
    },
    "pause": togglePause,
    "stop": stopSpeech,
    "rate-up": function () { setRate(step("rate", 1)); },
    "rate-down": function () { setRate(step("rate", -1)); },
    "shortcuts": function () { update({ shortcuts: !preferences.shortcuts }); },
    "plain-text": function () { window.location.href = document.querySelector(".plain-text-link").href; },
    "reset": function () {
      stopSpeech();
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
      if (reading.active || (speech && speech.speaking)) {
        stopSpeech();
      }
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

  document.addEventListener("mouseover", function (event) {
    if (preferences.point || preferences.caption) {
      pointAt(event.target);
    }
  });
  document.addEventListener("focusin", function (event) {
    if (preferences.point || preferences.caption) {
      pointAt(event.target);
    }
  });
  document.addEventListener("mousemove", function (event) {
    if (preferences.crosshair) {
      crosshairX.style.top = event.clientY + "px";
      crosshairY.style.left = event.clientX + "px";
    }
  }, { passive: true });

  window.addEventListener("pagehide", function () {
    if (speech) {
      speech.cancel();
    }
  });

  render();
}());
