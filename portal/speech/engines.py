"""Speech engines, run in worker processes: one (voice, text) segment to one WAV file.

``pyttsx3`` is what editors can use on Windows and macOS too; on Linux it drives
espeak-ng asynchronously, so each segment gets a fresh engine in a fresh
spawned process (one utterance per process: a reused engine races, a forked
one hangs) and the worker waits until the WAV file is complete.  Keep this
module light: every worker process imports it.  ``espeak-ng``
calls the same synthesizer's command line directly, which is faster.
"""

import functools
import io
import os
import shutil
import subprocess
import sys
import time
import wave

ENGINES = ("pyttsx3", "espeak-ng")
AUTO = "auto"
WAIT_STEP = 0.02
#: How long a finished recording's size stays the same before it counts as finished.
STABLE_FOR = 0.3


class EngineUnavailable(RuntimeError):
    """No speech engine can run on this machine."""


def resolve_engine(name: str) -> str:
    """The engine to use: *name*, or for "auto" espeak-ng's command line where it
    exists (the same synthesizer pyttsx3 drives on Linux, many times faster) and
    pyttsx3 elsewhere (Windows' and macOS' own voices)."""
    if name == AUTO:
        return "espeak-ng" if shutil.which("espeak-ng") else "pyttsx3"
    return name


def check_engine(name: str) -> None:
    """Raise EngineUnavailable, saying what is missing, if *name* cannot run here."""
    if name not in ENGINES:
        raise EngineUnavailable(f"unknown AUDIO_ENGINE {name!r} (one of {', '.join(ENGINES)} or {AUTO})")
    if shutil.which("espeak-ng") is None and (name == "espeak-ng" or sys.platform.startswith("linux")):
        raise EngineUnavailable("espeak-ng is not installed (scripts/setup.sh installs it)")
    if name == "pyttsx3":
        try:
            import pyttsx3  # noqa: F401
        except ImportError as error:
            raise EngineUnavailable(f"pyttsx3 cannot be imported: {error}") from None


@functools.lru_cache(maxsize=1)
def espeak_voices() -> set[str]:
    """Names espeak-ng answers to (lower case): its voice files and languages.

    espeak-ng falls back to English, silently, for a voice it does not have.
    """
    listing = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True, check=True).stdout
    names = set()
    for line in listing.splitlines()[1:]:
        columns = line.split()
        if len(columns) >= 5:
            names.update({columns[1].lower(), columns[4].lower().rsplit("/", 1)[-1]})
    return names


def wav_is_complete(path: str) -> bool:
    """True once the WAV file exists and holds every frame its header announces."""
    try:
        with wave.open(path, "rb") as sound:
            expected = sound.getnframes() * sound.getsampwidth() * sound.getnchannels()
        return expected > 0 and os.path.getsize(path) >= expected + 44
    except (FileNotFoundError, EOFError, wave.Error):
        return False


def wait_for_wav(path: str, timeout: float) -> None:
    """Wait until *path* is a complete WAV file whose size has not changed for STABLE_FOR seconds.

    A busy machine can pause the synthesizer between two writes for longer than
    one poll, so one unchanged size is not proof that it has finished.
    """
    deadline = time.monotonic() + timeout
    last_size, unchanged_since = -1, None
    while time.monotonic() < deadline:
        if wav_is_complete(path):
            size = os.path.getsize(path)
            if size != last_size:
                last_size, unchanged_since = size, time.monotonic()
            elif time.monotonic() - unchanged_since >= STABLE_FOR:
                return
        time.sleep(WAIT_STEP)
    raise TimeoutError(f"the speech engine wrote no complete file {path} in {timeout:.0f} s")


def pyttsx3_voice(engine: object, voice: str) -> str:
    for candidate in engine.getProperty("voices"):
        if candidate.id.lower() == voice.lower() or candidate.id.lower().endswith("/" + voice.lower()):
            return candidate.id
    raise LookupError(f"pyttsx3 has no voice {voice!r}")


def synthesize(engine_name: str, voice: str, text: str, rate: int, wav_path: str) -> str:
    """Write the speech of *text* to *wav_path*; return the path.  Runs in a worker."""
    timeout = 30 + len(text) * 0.2
    if engine_name == "espeak-ng":  # synchronous: the file is complete when it returns
        if voice.lower() not in espeak_voices():
            raise LookupError(f"espeak-ng has no voice {voice!r}")
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "-w", wav_path],
            input=text.encode("utf-8"),
            check=True,
            timeout=timeout,
            capture_output=True,
        )
        if not wav_is_complete(wav_path):
            raise RuntimeError(f"espeak-ng wrote no complete file {wav_path}")
        return wav_path
    import pyttsx3

    engine = pyttsx3.init()
    engine.setProperty("voice", pyttsx3_voice(engine, voice))
    engine.setProperty("rate", rate)
    engine.save_to_file(text, wav_path)
    # pyttsx3 prints every file it saves, from espeak's callback thread after
    # runAndWait returns: silence this worker, which makes this one file only.
    sys.stdout = io.StringIO()
    engine.runAndWait()
    wait_for_wav(wav_path, timeout)
    return wav_path
