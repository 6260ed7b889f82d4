"""Image files read with Pillow, and their narrower copies, kept in a cache between builds."""

import dataclasses
import hashlib
import io
import json
import math
import os

from PIL import Image, ImageOps, UnidentifiedImageError

from portal.file_writing import write_atomically

#: The formats that get narrower copies (in the same format), with Pillow's save
#: options; any other format (GIF, possibly animated, say) keeps its one file.
SAVE_OPTIONS = {
    "PNG": {"optimize": True},
    "JPEG": {"quality": 85, "optimize": True},
    "WEBP": {"quality": 85},
}
#: Part of every cache key, so a change of how copies are made makes new copies.
RECIPE = json.dumps({"resample": "lanczos", "save": SAVE_OPTIONS}, sort_keys=True).encode()
EXIF_ORIENTATION = 0x0112
#: EXIF orientations that turn the picture a quarter: browsers show it with
#: its stored height as its width.
QUARTER_TURNS = {5, 6, 7, 8}


class UnreadableImage(Exception):
    """An image file Pillow cannot read or resize; the message says why."""


@dataclasses.dataclass(frozen=True)
class Picture:
    """An image file as browsers show it: its pixel size after the EXIF orientation."""

    path: str
    width: int
    height: int
    format: str
    digest: str  #: of its bytes and of RECIPE: the cache key of its copies

    def copy_widths(self, widths):
        """The widths of *widths* a copy is made at: only narrower than the picture, never wider."""
        if self.format not in SAVE_OPTIONS:
            return []
        return sorted({width for width in widths if width < self.width})


def read_picture(path):
    try:
        with open(path, "rb") as file:
            data = file.read()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if image.getexif().get(EXIF_ORIENTATION) in QUARTER_TURNS:
                width, height = height, width
            return Picture(path, width, height, image.format, hashlib.sha256(RECIPE + data).hexdigest()[:32])
    except UnidentifiedImageError:
        raise UnreadableImage("it is not an image file") from None
    except (OSError, Image.DecompressionBombError) as error:
        raise UnreadableImage(str(error)) from error


def narrower_copies(picture, widths):
    """*picture* at each of *widths* pixels wide, its height in proportion, as files in its own format."""
    try:
        with Image.open(picture.path) as image:
            scale = max(widths) / picture.width
            # A JPEG then decodes at 1/2, 1/4 or 1/8 of its size when that is still
            # enough for the widest copy: several times faster.
            image.draft(image.mode, (math.ceil(image.width * scale), math.ceil(image.height * scale)))
            upright = ImageOps.exif_transpose(image)
        if upright.mode in ("1", "P"):  # resampling needs true colour
            upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
        return {
            width: encoded(upright, (width, max(1, round(picture.height * width / picture.width))), picture.format)
            for width in widths
        }
    except (OSError, ValueError) as error:
        raise UnreadableImage(f"cannot be resized: {error}") from error


def encoded(image, size, image_format):
    buffer = io.BytesIO()
    image.resize(size, Image.Resampling.LANCZOS).save(
        buffer, image_format, icc_profile=image.info.get("icc_profile"), **SAVE_OPTIONS[image_format]
    )
    return buffer.getvalue()


class CopyCache:
    """Narrower copies, named ``<digest>-<width>w<extension>`` in *folder*.

    The digest covers the picture's bytes, so an unchanged image is never
    resized again, whatever its file's timestamp or the output folder.
    """

    def __init__(self, folder):
        self.folder = folder
        self.made = self.reused = 0

    def copies_of(self, picture, widths):
        """{width: path} of the cached copies of *picture*, the missing ones made first (from one decoding)."""
        extension = os.path.splitext(picture.path)[1].lower()
        paths = {width: os.path.join(self.folder, f"{picture.digest}-{width}w{extension}") for width in widths}
        missing = [width for width, path in paths.items() if not os.path.exists(path)]
        if missing:
            for width, data in narrower_copies(picture, missing).items():
                write_atomically(paths[width], data)
        self.made += len(missing)
        self.reused += len(paths) - len(missing)
        return paths
