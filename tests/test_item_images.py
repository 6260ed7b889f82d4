"""Body images: real pixel sizes, narrower copies in srcset made once, readable images with alt text."""

import shutil

import pytest
from pelican.plugins.item_images.build import site_path
from pelican.settings import read_settings
from PIL import Image
from sites import FIXTURE_CONTENT, FIXTURE_NOW, SETTINGS, TWINS, build_site, built, read_page

from portal.content_check import validate_site

SETTINGS_READ = read_settings(str(SETTINGS))
WIDTHS = SETTINGS_READ["IMAGE_WIDTHS"]
ITEM = {
    "Title": "图片测试条目",
    "Date": "2019-05-06",
    "Category": "normative",
    "Index_no": "11990000MB1A0827X6/2019-00900",
    "Publisher": "测试局",
    "Disclosure": "主动公开",
}
PHOTOS_BODY = """照片一组。

![宽幅照片](/images/wide.jpg)

![中等宽度照片]({static}/images/medium.jpg)

![竖着拍的照片](../../images/turned.jpg)
"""
EXIF_ORIENTATION = 0x0112


def write_item(path, body, **values):
    header = "\n".join(f"{key}: {value}" for key, value in {**ITEM, **values}.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{header}\n\n{body}\n", encoding="utf-8")
    return path


def save_photo(path, size, orientation=None):
    """A JPEG of *size* pixels (as stored), turned by an EXIF *orientation* when given."""
    exif = Image.Exif()
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    gradient = Image.linear_gradient("L").resize(size)
    Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_180), gradient)).save(
        path, "JPEG", quality=90, exif=exif
    )


def content_copy(folder):
    """The fixture site with three photos, an item showing them and a page showing one."""
    content = folder / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    save_photo(content / "images" / "wide.jpg", (1600, 900))
    save_photo(content / "images" / "medium.jpg", (700, 400))
    save_photo(content / "images" / "turned.jpg", (1600, 900), orientation=6)
    write_item(content / "regulations" / "photos.md", PHOTOS_BODY)
    page = "Title: 图片页面\nSlug: photos\n\n![页面上的照片](/images/wide.jpg)\n"
    (content / "pages" / "photos.md").write_text(page, encoding="utf-8")
    return content


def build(content, output, cache, flags=()):
    """Build *content*, logging lines wide enough for long temporary paths."""
    return build_site(
        content, output, env={"COLUMNS": "1000"}, flags=flags, IMAGE_CACHE_PATH=str(cache), DISCLOSURE_NOW=FIXTURE_NOW
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("images")
    content = content_copy(folder)
    built(content, folder / "output", IMAGE_CACHE_PATH=str(folder / "cache"), DISCLOSURE_NOW=FIXTURE_NOW)
    return folder


def problems_of(content):
    return [str(problem) for problem in validate_site(read_settings(str(SETTINGS), override={"PATH": str(content)}))]


def images_of(site, path):
    return read_page(site / "output", path).select("main img")


def candidates(image):
    """The srcset of *image* as (URL, width) pairs."""
    return [
        (url, int(width.removesuffix("w")))
        for url, width in (candidate.split() for candidate in image["srcset"].split(","))
    ]


def pixel_size(file):
    with Image.open(file) as image:
        return image.size


def test_width_and_height_are_the_real_pixel_size(site):
    chart, rates = images_of(site, "rules/rule-2019/")
    for image in (chart, rates):
        source = site / "content" / image["src"].lstrip("/")
        assert (int(image["width"]), int(image["height"])) == pixel_size(source)


def test_an_exif_turned_photo_gets_the_size_it_is_shown_at(site):
    turned = images_of(site, "normative/photos/")[2]
    assert (turned["width"], turned["height"]) == ("900", "1600")
    # Linked by a relative URL, so are its copies.
    assert candidates(turned) == [("../../images/turned-480w.jpg", 480), ("../../images/turned.jpg", 900)]
    assert pixel_size(site / "output" / "images" / "turned-480w.jpg") == (480, 853)


def test_narrower_copies_exist_at_their_widths_and_are_listed_in_srcset(site):
    wide = images_of(site, "normative/photos/")[0]
    listed = candidates(wide)
    assert listed == [(f"/images/wide-{width}w.jpg", width) for width in WIDTHS] + [("/images/wide.jpg", 1600)]
    for url, width in listed:
        file = site / "output" / url.lstrip("/")
        with Image.open(file) as copy:
            assert copy.format == "JPEG"
            assert copy.size == (width, round(900 * width / 1600))
    assert wide["sizes"] == SETTINGS_READ["IMAGE_SIZES"]["article"]


def test_no_copy_is_wider_than_its_image(site):
    medium = images_of(site, "normative/photos/")[1]
    assert candidates(medium) == [("/images/medium-480w.jpg", 480), ("/images/medium.jpg", 700)]
    assert sorted(path.name for path in (site / "output" / "images").glob("medium*")) == [
        "medium-480w.jpg",
        "medium.jpg",
    ]
    for path in (site / "output" / "images").glob("*w.*"):
        assert pixel_size(path)[0] in WIDTHS


def test_a_palette_png_gets_copies_in_png(site):
    rates = images_of(site, "rules/rule-2019/")[1]
    for url, width in candidates(rates):
        with Image.open(site / "output" / url.lstrip("/")) as copy:
            assert (copy.format, copy.width) == ("PNG", width)


def test_an_image_narrower_than_every_width_gets_no_copies_but_its_size(site):
    chart = images_of(site, "rules/rule-2019/")[0]
    assert pixel_size(site / "content" / "images" / "sample-chart.png")[0] < min(WIDTHS)
    assert (chart["width"], chart["height"]) == ("24", "16")
    assert "srcset" not in chart.attrs and "sizes" not in chart.attrs
    assert sorted(path.name for path in (site / "output" / "images").glob("sample-chart*")) == ["sample-chart.png"]


def test_every_image_but_the_first_of_a_body_loads_lazily(site):
    first, *others = images_of(site, "normative/photos/")
    assert "loading" not in first.attrs and "decoding" not in first.attrs
    assert others and all((image["loading"], image["decoding"]) == ("lazy", "async") for image in others)


def test_a_static_link_resolves_and_gets_its_copies(site):
    medium = images_of(site, "normative/photos/")[1]
    assert medium["src"] == "/images/medium.jpg" and "srcset" in medium.attrs


def test_a_page_image_gets_the_page_column_sizes(site):
    (image,) = images_of(site, "photos/")
    assert image["sizes"] == SETTINGS_READ["IMAGE_SIZES"]["page"]
    assert image["width"] == "1600"


def test_the_plain_text_twin_still_shows_the_alt_text(site):
    twin = read_page(site / "output" / TWINS, "rules/rule-2019/")
    text = twin.main.get_text()
    assert not twin.find_all("img")
    assert "［图片：示意图：测试统计图］" in text
    assert "［图片：2019年各季度抽检合格率柱状图］" in text


def test_a_second_build_resizes_nothing_again(site, tmp_path):
    cache = site / "cache"
    before = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    result = build(site / "content", tmp_path / "output", cache, flags=("-v",))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 copies resized" in result.stdout + result.stderr
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == before
    first_build = {path.name: path.stat().st_mtime_ns for path in (site / "output" / "images").glob("*w.*")}
    second_build = {path.name: path.stat().st_mtime_ns for path in (tmp_path / "output" / "images").glob("*w.*")}
    assert second_build == first_build and len(first_build) == 6


def test_a_missing_or_unreadable_image_fails_the_build_naming_item_and_image(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "images" / "notes.png").write_text("不是图片", encoding="utf-8")
    item = write_item(
        content / "regulations" / "broken.md",
        "![损坏的图片](/images/notes.png)\n\n![不存在的图片](/images/missing.png)\n",
    )
    result = build(content, tmp_path / "output", tmp_path / "cache")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{item}: body image '/images/notes.png' cannot be read as an image: it is not an image file" in log
    assert f"{item}: body image '/images/missing.png' is not a file of the site" in log
    assert "Images: 2 problems; no page was written." in log
    assert not list((tmp_path / "output").rglob("*.html"))


def test_an_image_without_alt_text_fails_validation_and_the_build_writes_nothing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    item = write_item(
        content / "regulations" / "no-alt.md",
        '![](/images/sample-chart.png)\n\n<img src="/images/quarterly-pass-rates.png" alt=" ">\n',
    )
    page = content / "pages" / "no-alt.md"
    page.write_text("Title: 无替代文本\nSlug: no-alt\n\n<img src=/images/sample-chart.png>\n", encoding="utf-8")
    expected = (
        "has no alt text (alternative text: what the image shows, e.g. ![2019年各季度抽检合格率柱状图](/images/x.png))"
    )
    problems = problems_of(content)
    assert problems == [
        f"{item}: body image '/images/sample-chart.png' {expected}",
        f"{item}: body image '/images/quarterly-pass-rates.png' {expected}",
        f"{page}: body image '/images/sample-chart.png' {expected}",
    ]
    result = build(content, tmp_path / "output", tmp_path / "cache")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{item}: body image '/images/sample-chart.png' {expected}" in log
    assert "Content check failed: 3 problems; nothing was published." in log
    assert not (tmp_path / "output").exists()


def test_alt_text_in_code_blocks_and_reference_images_are_judged_rightly(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    item = write_item(
        content / "regulations" / "refs.md",
        "```\n![](/images/in-code.png)\n```\n\n![][chart]\n\n[chart]: /images/sample-chart.png\n",
    )
    problems = problems_of(content)
    assert problems == [
        f"{item}: body image '[chart]' has no alt text (alternative text: what the image shows, "
        "e.g. ![2019年各季度抽检合格率柱状图](/images/x.png))"
    ]


@pytest.mark.parametrize(
    "src, expected",
    [
        ("/images/a.png", "images/a.png"),
        ("../../images/a%20b.png", "images/a b.png"),
        ("a.png", "rules/rule-2019/a.png"),
        ("https://portal.example/images/a.png", None),
        ("//elsewhere.example/a.png", None),
        ("data:image/png;base64,AAAA", None),
    ],
)
def test_site_paths_of_image_sources(src, expected):
    assert site_path(src, "/rules/rule-2019/", "/") == expected
