"""Body images that keep their place while loading and fit narrow screens.

Adds, to every ``<img>`` in the body of a published item or a page that shows
a static file of the site (``![alt](/images/chart.png)``, a relative URL, or
Pelican's ``{static}/images/chart.png``; images of other sites are left as
they are):
- ``width`` and ``height``: its pixel size as Pillow reads it (after the EXIF
  orientation), so the page does not jump while it loads; the theme's
  ``max-width: 100%; height: auto`` still shrinks it to the column;
- narrower copies (``images/chart-480w.png`` beside ``images/chart.png``) at
  each width of ``IMAGE_WIDTHS`` below its own, never wider, in its own format
  (PNG, JPEG at quality 85, WebP; GIF and other formats get none), listed with
  the image itself in ``srcset`` (linked as its ``src`` is: relative, from the
  root or, for ``{static}``, on ``SITEURL``), with ``sizes`` (``IMAGE_SIZES``)
  telling the browser how wide the body column is;
- ``loading="lazy"`` and ``decoding="async"`` on every image of a body but the
  first, which may be the first thing a reader sees.
Copies are made with Pillow into a cache named by a hash of the image's bytes
(``IMAGE_CACHE_PATH``, kept across builds and ``invoke clean``): an unchanged
image is never resized again, and each build copies its copies from there.
An image that is not a file of the site or that Pillow cannot read is reported
as ``path: body image 'src' …`` for every such image at once, and the build
stops before any page is written.

The attributes are the body change ``images`` of plugin item_bodies, written
into the body's parsed tree after the service guides' flowcharts; the other
attributes of an image keep their order, the new ones follow them.

Signals: none of its own: ``static_generator_finalized``, through item_bodies
(items and pages are read, the publishing rule has chosen them and the static
files are known; no page is written yet).

Settings: ``IMAGE_WIDTHS`` (pixel widths of the copies), ``IMAGE_SIZES`` (the
``sizes`` attribute for item bodies, ``"article"``, and pages, ``"page"``),
``IMAGE_CACHE_PATH`` (the cache folder).
"""

from pelican.plugins.item_bodies import register_change

from .build import add_image_attributes


def register():
    register_change("images", add_image_attributes)
