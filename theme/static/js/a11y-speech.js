/* Speech for 指读 and 连读: the portal's own recordings first, the browser's voice
   second, and a message when neither can speak.  Nothing here runs until the
   toolbar asks.  The page's map (plugin page_speech), named by
   <meta name="speech-map">, lists the recordings of each block under a key of
   its text: the 32-bit FNV-1a hash of its UTF-16 code units, after white space
   is collapsed (portal/speech/blocks.py computes the same).  Every start,
   end and failure is also sent as an "a11y-speech" event on the document. */
(function () {
  "use strict";

  var FNV_OFFSET = 0x811c9dc5;
  var FNV_PRIME = 0x01000193;
  /* A browser voice that has not started by then never will. */
  var VOICE_START_TIMEOUT = 4000;
  var PREFETCHED = 4;

  var mapMeta = document.querySelector('meta[name="speech-map"]');
  var synth = "speechSynthesis" in window ? window.speechSynthesis : null;
  var mapPromise = null;
  var players = [];
  var current = null;

  function readableText(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  /* Only a text with a letter or a digit has something to say (portal/speech/spoken.py skips the rest). */
  function isSpeakable(text) {
    return /[\p{L}\p{N}]/u.test(text);
  }

  function textOf(element) {
    return readableText(element.tagName === "IMG" ? element.alt : element.textContent);
  }

  function textKey(text) {
    var hash = FNV_OFFSET;
    for (var index = 0; index < text.length; index += 1) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, FNV_PRIME) >>> 0;
    }
    return ("0000000" + hash.toString(16)).slice(-8);
  }

  function loadMap() {
    if (!mapPromise) {
      mapPromise = !mapMeta || !window.fetch ? Promise.resolve({}) : window.fetch(mapMeta.content)
        .then(function (response) {
          return response.ok ? response.json() : { blocks: {} };
        })
        .then(function (map) {
          var base = new URL(map.clips || "", new URL(mapMeta.content, window.location.href));
          var blocks = {};
          Object.keys(map.blocks || {}).forEach(function (key) {
            blocks[key] = map.blocks[key].map(function (clip) {
              return { url: new URL(clip[0], base).href, start: clip[1], end: clip[2] };
            });
          });
          return blocks;
        })
        .catch(function () {
          return {};
        });
    }
    return mapPromise;
  }

  function notify(type, detail) {
    detail.type = type;
    document.dispatchEvent(new CustomEvent("a11y-speech", { detail: detail }));
  }

  /* One <audio> per recent clip, so that the next clip of 连读 is fetched while this one plays. */
  function playerFor(url) {
    var found = players.filter(function (player) { return player.src === url; })[0];
    if (found) {
      return found;
    }
    var player = new Audio();
    player.preload = "auto";
    player.src = url;
    players.push(player);
    if (players.length > PREFETCHED) {
      var oldest = players.shift();
      oldest.removeAttribute("src");
      oldest.load();
    }
    return player;
  }

  function playClips(clips, text, rate, handlers) {
    var index = 0;
    var player = null;
    var stopped = false;

    function finish() {
      if (!stopped) {
        stopped = true;
        handlers.end();
      }
    }

    function fail(error) {
      if (!stopped) {
        stopped = true;
        notify("recording-failed", { text: text, reason: String(error && error.name || error) });
        handlers.fail(error && error.name === "NotAllowedError" ? "not-allowed" : "recording-failed");
      }
    }

    function playClip() {
      var clip = clips[index];
      player = playerFor(clip.url);
      player.playbackRate = rate;
      player.preservesPitch = true;
      player.onended = next;
      player.onerror = function () { fail(player.error && player.error.code); };
      player.onplaying = function () {
        notify("start", { text: text, via: "recording", url: player.currentSrc, start: clip.start, position: player.currentTime });
      };
      player.ontimeupdate = function () {
        if (clip.start > 0 && player.currentTime >= clip.end) {
          next();
        }
      };
      if (player.currentTime !== clip.start) {
        player.currentTime = clip.start;
      }
      if (clips[index + 1]) {
        playerFor(clips[index + 1].url);
      }
      var playing = player.play();
      if (playing) {
        playing.catch(fail);
      }
    }

    function next() {
      if (stopped) {
        return;
      }
      player.onended = player.ontimeupdate = player.onerror = player.onplaying = null;
      player.pause();
      index += 1;
      if (index < clips.length) {
        playClip();
      } else {
        finish();
      }
    }

    playClip();
    return {
      pause: function () { player.pause(); },
      resume: function () { player.play().catch(fail); },
      setRate: function (value) { player.playbackRate = value; },
      stop: function () {
        stopped = true;
        player.onended = player.ontimeupdate = player.onerror = player.onplaying = null;
        player.pause();
        player.currentTime = clips[index].start;
      }
    };
  }

  function speakWithVoice(text, lang, rate, handlers) {
    var stopped = false;
    var started = false;
    var timer = 0;

    function fail(reason) {
      if (!stopped) {
        stopped = true;
        window.clearTimeout(timer);
        synth.cancel();
        notify("voice-failed", { text: text, reason: reason });
        handlers.fail("no-speech");
      }
    }

    if (!synth || !window.SpeechSynthesisUtterance) {
      notify("voice-failed", { text: text, reason: "unsupported" });
      handlers.fail("no-speech");
      return { pause: function () {}, resume: function () {}, setRate: function () {}, stop: function () {} };
    }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.rate = rate;
    utterance.onstart = function () {
      started = true;
      window.clearTimeout(timer);
      notify("start", { text: text, via: "voice", lang: lang });
    };
    utterance.onend = function () {
      if (!stopped) {
        stopped = true;
        window.clearTimeout(timer);
        handlers.end();
      }
    };
    utterance.onerror = function (event) {
      if (event.error !== "interrupted" && event.error !== "canceled") {
        fail(event.error || "error");
      }
    };
    timer = window.setTimeout(function () {
      if (!started) {
        fail("timeout");
      }
    }, VOICE_START_TIMEOUT);
    synth.cancel();
    synth.speak(utterance);
    return {
      pause: function () { synth.pause(); },
      resume: function () { synth.resume(); },
      setRate: function () {},
      stop: function () {
        stopped = true;
        window.clearTimeout(timer);
        synth.cancel();
      }
    };
  }

  function stop() {
    if (current) {
      current.stop();
      current = null;
    }
  }

  /* Read *text* (in *lang*) at *rate*: its recording, else the browser's voice.
     Calls handlers.end() once it has been read, or handlers.fail(reason) with
     "no-speech" (no recording, no voice) or "not-allowed" (the browser waits
     for a click on the page before it plays sound).  A new call stops the last. */
  function speak(text, lang, rate, handlers) {
    stop();
    var reading = {
      controller: null,
      stop: function () {
        if (reading.controller) {
          reading.controller.stop();
        }
      }
    };
    current = reading;

    function settle(callback, value) {
      if (current === reading) {
        current = null;
        callback(value);
      }
    }

    var outcome = {
      end: function () { settle(handlers.end); },
      fail: function (reason) {
        if (current === reading && reason === "recording-failed") {
          reading.controller = speakWithVoice(text, lang, rate, outcome);
        } else {
          settle(handlers.fail, reason);
        }
      }
    };
    loadMap().then(function (blocks) {
      if (current === reading) {
        var clips = blocks[textKey(text)];
        reading.controller = clips ? playClips(clips, text, rate, outcome) : speakWithVoice(text, lang, rate, outcome);
      }
    });
  }

  function control(name, value) {
    if (current && current.controller) {
      current.controller[name](value);
    }
  }

  window.a11ySpeech = {
    textOf: textOf,
    isSpeakable: isSpeakable,
    textKey: textKey,
    load: loadMap,
    speak: speak,
    stop: stop,
    pause: function () { control("pause"); },
    resume: function () { control("resume"); },
    setRate: function (rate) { control("setRate", rate); }
  };
}());
