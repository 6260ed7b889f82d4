"""Give every image of an item's or page's body its size, its narrower copies and how to load it: a body change
of item_bodies."""

import dataclasses
import logging
import os
import posixpath
import re
from urllib.parse import unquote, urljoin, urlsplit

from pelican.contents import Article

from portal.content_model.problems import Problem
from portal.file_writing import copy_if_changed

from .pictures import CopyCache, UnreadableImage, read_picture

logger = logging.getLogger(__name__)


class ImageProblems(SystemExit):
    """Stops the build; a SystemExit so Pelican exits non-zero without a traceback."""

    def __init__(self, count):
        super().__init__(f"Images: {count} problem{'s' * (count != 1)}; no page was written.")


class UnusableImage(Exception):
    """A body image that cannot be shown: ``args`` are what is wrong and what was expected."""


@dataclasses.dataclass(frozen=True)
class Copy:
    width: int
    cached: str  #: the file in the cache
    save_as: str  #: its output path


@dataclasses.dataclass(frozen=True)
class SiteImage:
    """An image of the site: its size as shown, and its narrower copies."""

    width: int
    height: int
    copies: tuple

    def srcset(self, url):
        """The srcset of the image linked as *url*: its copies' URLs are made alike, in the same folder."""
        candidates = [(copy_location(url, copy.width), copy.width) for copy in self.copies] + [(url, self.width)]
        return ", ".join(f"{candidate} {width}w" for candidate, width in candidates)


def site_path(src, page_url, root):
    """The path under the site *root* that *src*, on the page at *page_url*, points to; None off the site."""
    target = urlsplit(urljoin(page_url, src))
    base = urlsplit(root)
    if (target.scheme, target.netloc) != (base.scheme, base.netloc) or not target.path.startswith(base.path):
        return None
    return unquote(target.path[len(base.path) :])


def copy_location(location, width):
    """``images/chart.png`` -> ``images/chart-480w.png`` (a path or a URL)."""
    stem, extension = posixpath.splitext(location)
    return f"{stem}-{width}w{extension}"


class SiteImages:
    """The site's static files as body images: each read, and its copies made, once per build."""

    def __init__(self, settings, context):
        self.root = settings["SITEURL"].rstrip("/") + "/"
        self.widths = settings["IMAGE_WIDTHS"]
        self.intrasite_link = re.compile(settings["INTRASITE_LINK_REGEX"])
        self.content_path = settings["PATH"]
        self.static_paths = settings["STATIC_PATHS"]
        self.static_files = context["static_content"]
        # get_url_setting, not .url: reading .url would pin every file's location,
        # which Pelican's {attach} links then may no longer move.
        self.by_url = {
            static.get_url_setting("url"): static for static in self.static_files.values() if static is not None
        }
        self.cache = CopyCache(settings["IMAGE_CACHE_PATH"])
        self.images = {}
        self.unreadable = {}

    def locate(self, src, item):
        """The static file *src* shows in *item*'s body and the URL the page links it by; None for
        another site's image or a Pelican link other than ``{static}``."""
        link = self.intrasite_link.match(src)
        if link and link.group("what") != "static":
            return None
        if link:
            path = unquote(urlsplit(src[link.end() :]).path)
            source = (
                path[1:]
                if path.startswith("/")
                else item.get_relative_source_path(os.path.join(item.relative_dir, path))
            )
            found = self.static_files.get(source)
        else:
            path = site_path(src, self.root + item.url, self.root)
            if path is None:
                return None
            found = self.by_url.get(path)
        if found is None:
            folders = ", ".join(f"{self.content_path}/{folder}/" for folder in self.static_paths)
            raise UnusableImage("is not a file of the site", f"an image file under {folders}, e.g. /images/chart.png")
        # Pelican turns {static} links into SITEURL-based URLs; any other src stays as written.
        return found, self.root + found.url if link else src

    def image(self, static):
        """The SiteImage of *static*, read and its copies made the first time it is asked for."""
        source = static.get_relative_source_path()
        if source in self.unreadable:
            raise UnusableImage(*self.unreadable[source])
        if source not in self.images:
            try:
                self.images[source] = self.read(static)
            except UnreadableImage as error:
                self.unreadable[source] = (f"cannot be read as an image: {error}", "a PNG, JPEG, WebP or GIF file")
                raise UnusableImage(*self.unreadable[source]) from error
        return self.images[source]

    def read(self, static):
        picture = read_picture(static.source_path)
        cached = self.cache.copies_of(picture, picture.copy_widths(self.widths))
        copies = tuple(Copy(width, path, copy_location(static.save_as, width)) for width, path in cached.items())
        return SiteImage(picture.width, picture.height, copies)

    def publish(self, output_path):
        """Copy every narrower copy from the cache into the output, beside its image."""
        for image in self.images.values():
            for copy in image.copies:
                copy_if_changed(copy.cached, os.path.join(output_path, copy.save_as))


def describe_images(tags, item, images, sizes):
    """Write size, srcset, sizes and loading hints into the img elements *tags* of *item*'s body; return its
    problems."""
    problems = []
    for position, tag in enumerate(tags):
        src = tag.get("src", "")
        try:
            located = images.locate(src, item)
            if located is None:
                continue
            static, url = located
            image = images.image(static)
        except UnusableImage as error:
            what, expected = error.args
            problems.append(Problem(item.source_path, "", f"body image {src!r} {what}", expected))
            continue
        tag.set("width", str(image.width))
        tag.set("height", str(image.height))
        if image.copies:
            tag.set("srcset", image.srcset(url))
            tag.set("sizes", sizes)
        if position:  # the first image may be the first thing a reader sees: it loads at once
            tag.set("loading", "lazy")
            tag.set("decoding", "async")
    return problems


def add_image_attributes(items, generator):
    """The body change ``images``: describe the images of every item's and page's body and publish their copies,
    or stop the build on a problem; return the items and pages that show images."""
    settings = generator.settings
    images = SiteImages(settings, generator.context)
    showing = []
    problems = []
    for item in items:
        tags = list(item.body.root.iter("img"))
        if tags:
            showing.append(item)
            sizes = settings["IMAGE_SIZES"]["article" if isinstance(item, Article) else "page"]
            problems += describe_images(tags, item, images, sizes)
    if problems:
        for problem in problems:
            logger.error("%s", problem)
        raise ImageProblems(len(problems))
    images.publish(generator.output_path)
    logger.info(
        "Images: %d in %d bodies, %d copies resized, %d from the cache",
        len(images.images),
        len(showing),
        images.cache.made,
        images.cache.reused,
    )
    return showing
