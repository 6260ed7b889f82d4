"""Joining segment WAVs, checking the result, and encoding it as MP3."""

import array
import dataclasses
import math
import wave

import lameenc

#: Quieter than this root-mean-square level (of 32767) counts as silence.
SILENCE_RMS = 200
#: Plausible speaking speed, characters a second, by voice family: the lower
#: and upper bounds a recording's duration must fall between.
CHARACTERS_PER_SECOND = {"cmn-latn-pinyin": (1.5, 12.0), "en-us": (5.0, 30.0), "ug": (4.0, 30.0)}
GAP_SECONDS = 0.25
#: The longest a digit or capital letter read on its own takes.
SPELLED_SECONDS = 0.4


class BadRecording(ValueError):
    """The synthesized sound is empty, silent or implausibly long or short."""


@dataclasses.dataclass(frozen=True)
class Recording:
    pcm: bytes
    sample_rate: int
    seconds: float
    rms: float


def join_wavs(paths: list[str]) -> Recording:
    """The 16-bit mono PCM of the WAV files, in order, with a short pause between."""
    pcm = bytearray()
    sample_rate = None
    for path in paths:
        with wave.open(path, "rb") as sound:
            if sound.getsampwidth() != 2 or sound.getnchannels() != 1:
                raise BadRecording(f"{path}: not 16-bit mono")
            if sample_rate not in (None, sound.getframerate()):
                raise BadRecording(f"{path}: sample rate {sound.getframerate()} differs from {sample_rate}")
            sample_rate = sound.getframerate()
            if pcm:
                pcm += bytes(2 * int(sample_rate * GAP_SECONDS))
            pcm += sound.readframes(sound.getnframes())
    samples = array.array("h", bytes(pcm))
    probe = samples[::64]  # every 64th sample tells loudness well enough
    rms = math.sqrt(sum(sample * sample for sample in probe) / max(1, len(probe)))
    return Recording(bytes(pcm), sample_rate or 0, len(samples) / (sample_rate or 1), rms)


def is_spelled(character: str) -> bool:
    return character.isdigit() or character.isupper()


def plausible_seconds(segments: list[tuple[str, str]]) -> tuple[float, float]:
    """(shortest, longest) duration plausible for the (voice, text) segments."""
    shortest = longest = 0.0
    for voice, text in segments:
        slow, fast = CHARACTERS_PER_SECOND.get(voice, (1.5, 30.0))
        shortest += len(text) / fast
        # Digits and capitals of codes (MB1A0827X6/2019-00096) are read one by one.
        longest += len(text) / slow + 1 + SPELLED_SECONDS * sum(map(is_spelled, text))
    return shortest, longest + GAP_SECONDS * len(segments)


def check_recording(recording: Recording, segments: list[tuple[str, str]]) -> None:
    if not recording.pcm:
        raise BadRecording("the recording is empty")
    if recording.rms < SILENCE_RMS:
        raise BadRecording(f"the recording is silent (RMS {recording.rms:.0f})")
    shortest, longest = plausible_seconds(segments)
    if not shortest <= recording.seconds <= longest:
        raise BadRecording(
            f"the recording lasts {recording.seconds:.1f} s, not the {shortest:.1f}–{longest:.1f} s its text needs"
        )


def encode_mp3(recording: Recording, bit_rate: int) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bit_rate)
    encoder.set_in_sample_rate(recording.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(7)  # LAME's fast mode: three times quicker, no audible loss for speech
    return bytes(encoder.encode(recording.pcm) + encoder.flush())


def assemble(wav_paths: list[str], segments: list[tuple[str, str]], bit_rate: int) -> tuple[bytes, float]:
    """Join, check and encode one item's recording: (MP3 bytes, seconds).  Runs in a worker."""
    recording = join_wavs(wav_paths)
    check_recording(recording, segments)
    return encode_mp3(recording, bit_rate), recording.seconds
