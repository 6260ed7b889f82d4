"""Settings of the portal: development defaults; publishconf.py overrides them."""

import os

from markdown.extensions.toc import slugify_unicode
from pelican.plugins.stable_output import StableOutputPelican

from portal.language_runs import marked_up

# --- The site -------------------------------------------------------------
SITENAME = "示例自治区市场监督管理局"
#: The site's name in each language an item may be in (the content model's
#: Lang): the <title> of an item in Uyghur or English is its title and this
#: name, all in its language, so a screen reader reads the whole of it in one voice.
SITENAME_BY_LANG = {
    "zh-CN": SITENAME,
    "ug": "ئۈلگە ئاپتونوم رايونلۇق بازار نازارەت قىلىش-باشقۇرۇش ئىدارىسى",
    "en": "Market Supervision Administration of the Example Autonomous Region",
}
SITE_SUBTITLE = "政府信息公开"
#: Shown on every page: the sample portal is fictional.
SITE_NOTICE = "示例站点：本站内容均为虚构的样例，不代表任何真实机关。"
SITEURL = ""
#: The portal's public address: feeds, the sitemap, robots.txt and the open-data
#: exports give absolute URLs on it, whatever SITEURL a build uses.
PORTAL_URL = "https://scjg.example.gov.cn"
#: Government-site metadata (<meta name="SiteIDCode"> and friends).
SITE_DOMAIN = "scjg.example.gov.cn"
SITE_ID_CODE = "9900000001"
ORG_CODE = "11990000MB1A0827X6"
CONTACT_ADDRESS = "示例市示例大道100号"
CONTACT_PHONE = "0999-1234567"
ICP_RECORD = "示ICP备00000000号（示例）"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
#: The portal's own language as written in lang attributes (Pelican lower-cases DEFAULT_LANG).
SITE_LANG = "zh-CN"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

# --- Where things are -----------------------------------------------------
PATH = "content"
THEME = "theme"
#: The plugins without which the portal must not be built (a plugin that fails
#: to load is only logged by Pelican); disclosure_catalog refuses to build then.
#: They are this project's package's, installed as pelican.plugins.<name>
#: (pyproject.toml).  Pelican fires the receivers of one signal in no fixed
#: order, so this order decides nothing: each plugin's work happens at the
#: stage of its signals, which docs/ARCHITECTURE.md lists in order.
REQUIRED_PLUGINS = [
    "pelican.plugins.content_validation",  # before any file is read: the content check
    "pelican.plugins.publishing_rule",  # as each file's header is read: drops what is not public
    "pelican.plugins.body_sanitizer",  # as each body is rendered: the HTML allow-list
    "pelican.plugins.item_bodies",  # once every item is read: each body parsed once, its changes in order
    "pelican.plugins.static_guard",  # when the files to copy are known: no source, nothing from outside
    "pelican.plugins.disclosure_catalog",  # the catalog, its listings and the home lists
    "pelican.plugins.disclosure_items",  # each item's metadata, links and attachments
    "pelican.plugins.plain_text",  # a twin of every page written
    "pelican.plugins.item_audio",  # each item's recording
    "pelican.plugins.page_speech",  # a recording of every readable block, a map for each page
    "pelican.plugins.stable_output",  # the staging build, its writer and sweep (PELICAN_CLASS)
]
PLUGINS = [
    *REQUIRED_PLUGINS,
    "pelican.plugins.parallel_reading",  # reads unread files in worker processes
    "pelican.plugins.node_feeds",
    "pelican.plugins.consultations",
    "pelican.plugins.sitemap",
    "pelican.plugins.open_data",
    "pelican.plugins.site_search",
    "pelican.plugins.item_images",
    "pelican.plugins.revision_history",
    "pelican.plugins.public_messages",
    "pelican.plugins.process_flowcharts",
    "pelican.plugins.language_of_parts",  # lang and dir on the runs of another language in bodies
]
#: Items may live anywhere under PATH except these folders.
PAGE_PATHS = ["pages"]
ATTACHMENTS_PATH = "attachments"
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", ATTACHMENTS_PATH, "images"]
STATIC_PATHS = ["images"]
#: The catalog tree, under PATH.
CATALOG_FILE = "catalog.toml"

# --- Reading --------------------------------------------------------------
#: Items and pages are .md files, nothing else: Pelican reads no other format,
#: and the content check refuses any other file among them (content_validation).
READERS = {extension: None for extension in ("markdown", "mkd", "mdown", "html", "htm", "rst")}
#: Dot-files and dot-folders are never read nor copied (the check names any that looks like an item).
IGNORE_FILES = [".*"]
SLUGIFY_SOURCE = "basename"
#: Translations are linked by Translation_of, not by a shared slug.
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
USE_FOLDER_AS_CATEGORY = False
#: Embargoes are the publishing_rule plugin's job, not Pelican's.
WITH_FUTURE_DATES = True
#: Summaries are plain text (at most 100 characters, see the content model).
FORMATTED_FIELDS = []
#: The build's notion of "now" for embargoes, "YYYY-MM-DD HH:MM"; None: the clock.
DISCLOSURE_NOW = None
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"slugify": slugify_unicode},
        # Body tables reflow as cards on narrow screens (plugins/disclosure_items).
        "pelican.plugins.disclosure_items.stacked_tables:StackedTablesExtension": {},
    },
    "output_format": "html5",
}

# --- URLs: clean and stable -----------------------------------------------
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
INDEX_SAVE_AS = "index.html"
#: 404 (theme/templates/404.html) is the page the server sends for a missing
#: address, written as 404.html at the output root (deploy/nginx.conf).
DIRECT_TEMPLATES = ["index", "a11y_help", "404"]
#: The accessibility help page (无障碍说明), rendered from theme/templates/a11y_help.html.
A11Y_HELP_URL = "accessibility-help/"
A11Y_HELP_SAVE_AS = "accessibility-help/index.html"
PAGINATED_TEMPLATES = {}
# Pelican's own listings are replaced by the catalog's (disclosure_catalog).
for _kind in ("CATEGORY", "TAG", "AUTHOR", "DRAFT", "DRAFT_PAGE"):
    globals()[f"{_kind}_URL"] = ""
    globals()[f"{_kind}_SAVE_AS"] = ""
for _kind in ("CATEGORIES", "TAGS", "AUTHORS", "ARCHIVES", "YEAR_ARCHIVE", "MONTH_ARCHIVE", "DAY_ARCHIVE"):
    globals()[f"{_kind}_SAVE_AS"] = ""
del _kind

# --- Assistive toolbar (辅助工具) ---------------------------------------------
#: Keyboard shortcuts, all Alt+Shift+<key>; the help page lists them and the
#: toolbar reads them from the page, so this is their only definition.  Esc
#: always stops speech.  Readers can switch the shortcuts off in the toolbar.
A11Y_SHORTCUTS = [
    {"key": "A", "action": "toggle", "label": "打开或关闭辅助工具栏"},
    {"key": "L", "action": "text-larger", "label": "增大文字"},
    {"key": "S", "action": "text-smaller", "label": "减小文字"},
    {"key": "Z", "action": "zoom-in", "label": "放大页面"},
    {"key": "X", "action": "zoom-out", "label": "缩小页面"},
    {"key": "C", "action": "scheme-next", "label": "切换到下一种配色"},
    {"key": "P", "action": "point", "label": "打开或关闭指读"},
    {"key": "R", "action": "read", "label": "从正文开始连读"},
    {"key": "J", "action": "next", "label": "连读下一段"},
    {"key": "K", "action": "previous", "label": "连读上一段"},
    {"key": "T", "action": "plain-text", "label": "打开本页的纯文本版"},
    {"key": "0", "action": "reset", "label": "恢复全部默认设置"},
]

# --- Catalog and home page ------------------------------------------------
CATALOG_PAGE_SIZE = 20
HOME_LATEST_COUNT = 10
HOME_NOTICE_COUNT = 5
NOTICE_GENRES = ["通知", "公告", "通告"]

# --- Plain-text twins (纯文本版) ----------------------------------------------
#: Every page at output path P gets a text-only twin at PLAIN_TEXT_PATH/P (its
#: URL path too); base.html writes the same "text/" into the 纯文本版 link.
PLAIN_TEXT_PATH = "text"
#: Worker processes that make the twins a build cannot take from the cache,
#: once there are 100 of them (None: one per processor).
PLAIN_TEXT_WORKERS = None
#: The twins' one stylesheet (theme/static/css/text.css), under SITEURL.
PLAIN_TEXT_STYLESHEET = "theme/css/text.css"

# --- Audio versions (plugin item_audio) --------------------------------------
#: False skips synthesis for quick previews (pages then carry no player):
#: `invoke build --no-audio`, or `-e AUDIO_ENABLED=false` on Pelican's command line.
AUDIO_ENABLED = True
#: "pyttsx3" (what editors have on Windows and macOS too), "espeak-ng" (the
#: synthesizer pyttsx3 drives on Linux, called directly: about 15 times faster),
#: or "auto": espeak-ng where its command line is installed, pyttsx3 elsewhere.
AUDIO_ENGINE = "auto"
#: Parallel synthesis processes; None: one per core.
AUDIO_WORKERS = None
#: Speaking rate in words a minute (espeak-ng's -s; pyttsx3's "rate").
AUDIO_RATE = 175
#: MP3 bit rate in kbit/s (mono): small files that every browser plays.
AUDIO_BIT_RATE = 32
#: espeak-ng voice for each script: Han text, Latin runs, Uyghur.
AUDIO_VOICES = {"zh": "cmn-latn-pinyin", "en": "en-us", "ug": "ug"}
#: Where the MP3s go in the output, and the cache kept between builds (and
#: across `invoke clean`; `invoke audio-prune` removes stale entries).
AUDIO_PATH = "audio"
AUDIO_CACHE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache", "audio")
#: True: an item whose audio cannot be made fails the build instead of losing its player.
AUDIO_STRICT = False

# --- Speech of every block (plugin page_speech) ----------------------------
#: The recordings of the pages' blocks (clips/) and each page's map to them
#: (pages/<page>.json), which 指读 and 连读 play. Made with the AUDIO_ settings
#: above; off with AUDIO_ENABLED or SPEECH_ENABLED (then 指读 and 连读 use the
#: browser's voice where it has one).
SPEECH_ENABLED = True
SPEECH_PATH = "audio/speech"
#: Pages whose results are built in the browser, and the pages (output paths,
#: shell patterns) whose blocks their map holds too, so that a result reads
#: with its recording: search results show the items' titles, as the
#: catalog's listings do; the message filter shows the published messages.
SPEECH_SHARED_BLOCKS = {
    "search/index.html": ["catalog/*"],
    "interaction/messages/index.html": ["interaction/messages/*"],
}

# --- Feeds (plugin node_feeds) ---------------------------------------------
#: Atom feeds of the whole portal (all.atom.xml) and of every catalog node
#: (<node id>.atom.xml) are written to this folder; Pelican's own feeds are off.
FEED_PATH = "feeds"
FEED_MAX_ITEMS = 50
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Public consultations (plugin consultations) ----------------------------
#: The Atom feed of the consultations open when the portal is built, written as
#: FEED_PATH/<this>.atom.xml beside the node feeds (feeds/consultations.atom.xml
#: holds every consultation, open or not).
CONSULTATIONS_OPEN_FEED = "consultations-open"

# --- Search (plugin site_search) ---------------------------------------------
#: The search page, and the folder of the Pagefind index under the output.
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
SEARCH_INDEX_PATH = "pagefind"
#: Records per Pagefind index (<SEARCH_INDEX_PATH>/<n>/, oldest items in 0):
#: Pagefind needs about 0.4 MB of memory a record while it indexes, and an
#: edit remakes only its shard's index; the search page searches them all.
SEARCH_SHARD_SIZE = 1000

# --- Open data (plugin open_data) -------------------------------------------
#: The 数据开放 page; catalog.json and catalog.csv are written at the output root.
OPEN_DATA_URL = "open-data/"
OPEN_DATA_SAVE_AS = "open-data/index.html"

# --- Interaction (plugin public_messages) ---------------------------------
#: The bureau's channels, shown in every page's footer and on the 互动交流 page:
#: the complaints hotline, the mailbox, and the external message platform
#: where the public leaves messages.
INTERACTION_HOTLINE = "12315"
INTERACTION_MAILBOX = "hudong@scjg.example.gov.cn"
INTERACTION_PLATFORM_URL = "https://liuyan.example.gov.cn/scjg/"
#: The 互动交流 page, and the list of answered messages (page N at MESSAGES_URL + "page/N/").
INTERACTION_URL = "interaction/"
INTERACTION_SAVE_AS = "interaction/index.html"
MESSAGES_URL = "interaction/messages/"
MESSAGES_PAGE_SIZE = 10
#: The public messages and the bureau's answers, a TOML file under PATH; only
#: answered ones are published (see the content model).
MESSAGES_FILE = "messages.toml"
#: The answered messages as open data; the list's filter searches it in the browser.
MESSAGES_DATA = "interaction/messages.json"

# --- Annual report (invoke report) -----------------------------------------
#: The year's records of information requests, reviews and lawsuits that tables
#: 3 and 4 of the annual report count: one TOML file per year, under PATH.
ANNUAL_REPORT_RECORDS = "records/{year}.toml"

# --- Site monitoring (invoke monitor, plugins/site_monitor) ------------------------
#: The national inspection's limits: the home page must change every 14 days; a
#: stale node whose update_days is at most MONITOR_NEWS_DAYS (news-like) is a veto;
#: so are MONITOR_EMPTY_NODES_VETO or more empty nodes.  Article 26: items are
#: published within MONITOR_PUBLISH_WORKING_DAYS working days of being written,
#: counted with the public holidays in MONITOR_HOLIDAYS_FILE (under PATH).
MONITOR_HOME_DAYS = 14
MONITOR_NEWS_DAYS = 14
MONITOR_EMPTY_NODES_VETO = 5
MONITOR_PUBLISH_WORKING_DAYS = 20
MONITOR_HOLIDAYS_FILE = "holidays.toml"
#: A consultation closed more than this many days ago without its 意见采纳情况
#: (feedback) section is an error of the report.
MONITOR_CONSULTATION_FEEDBACK_DAYS = 30
#: A message still unanswered this many months after it was received (MESSAGES_FILE) is a veto.
MONITOR_MESSAGE_REPLY_MONTHS = 3
#: invoke monitor --external: at most this many links to other sites, each with this timeout (s).
MONITOR_EXTERNAL_LIMIT = 50
MONITOR_EXTERNAL_TIMEOUT = 5

# --- Publishing (invoke publish) --------------------------------------------
#: Where `invoke publish` uploads the portal with rsync after the local swap:
#: an rsync destination such as "deploy@web.example.gov.cn:/srv/scjg/", or a
#: local folder; "" means none (then --target names one, or --no-sync skips the upload).
PUBLISH_TARGET = ""
#: Extra rsync options, after -a --delete --delete-delay --delay-updates,
#: e.g. ["--compress", "--rsh=ssh -p 2222"].
PUBLISH_RSYNC_OPTIONS = []

# --- Body images (plugin item_images) -------------------------------------
#: Pixel widths of the narrower copies of each body image (only those below the
#: image's own width are made), offered to browsers in srcset with the image.
IMAGE_WIDTHS = [480, 960]
#: The sizes attribute: how wide the body column is (portal.css): an item's
#: .item-body is at most 50rem; a page fills .page-width (--measure, 72rem, less
#: its gutters); below that, about the viewport's width.
IMAGE_SIZES = {
    "article": "(min-width: 52rem) 50rem, 100vw",
    "page": "(min-width: 72rem) 70rem, 100vw",
}
#: The copies, named by a hash of their image, kept between builds (and across
#: `invoke clean`): an unchanged image is never resized again.
IMAGE_CACHE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache", "images")

# --- Revision history (plugin revision_history) -----------------------------
#: Item pages list the commits that changed their file (更新记录), when the
#: content folder is in a git work tree with its whole history (not a shallow
#: clone); False runs no git and shows none.
REVISION_HISTORY_ENABLED = True

# --- Security: body HTML and the pages' policies (plugin body_sanitizer, deploy/) --
#: Origins ("https://host[:port]") besides the portal's own whose images, audio
#: and video the bodies of items and pages may show, e.g.
#: ["https://media.example.gov.cn"]; body_sanitizer removes any other site's.
#: The policies below allow them too, made from this list when this file is
#: read: set it here, not with -e on Pelican's command line.
BODY_MEDIA_ORIGINS = []
_media_sources = " ".join(["'self'", *BODY_MEDIA_ORIGINS])
#: Every page's Content-Security-Policy: everything from the portal itself,
#: nothing inline.  Each page's head carries it as <meta http-equiv> (so it
#: holds on any server), and deploy/nginx.conf sends it as a header with
#: frame-ancestors 'none', which a <meta> policy cannot give.
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; script-src 'self'; style-src 'self'; img-src {_media_sources}; "
    f"media-src {_media_sources}; object-src 'none'; base-uri 'none'; form-action 'self'"
)
#: The search page's: Pagefind runs WebAssembly, which a policy must allow by name.
SEARCH_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
)
#: Every page's <meta name="referrer"> and the server's Referrer-Policy: a link
#: to another site does not tell it which page the reader came from.
REFERRER_POLICY = "same-origin"
del _media_sources

# --- Building -------------------------------------------------------------
RELATIVE_URLS = False
#: The build rewrites only the files whose bytes change and then removes what
#: it no longer makes (plugins/stable_output, through this Pelican class), so
#: the output is never deleted first and unchanged files keep their timestamps.
PELICAN_CLASS = StableOutputPelican
DELETE_OUTPUT_DIRECTORY = False
#: Pelican's reader cache: an unchanged item is not read again (stable_output
#: drops the cache when the reading settings or extensions change).  The
#: twins' and the search index's caches live here too.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
#: Worker processes that read (Markdown to HTML) the items the reader cache
#: does not hold, once there are 50 of them (None: one per processor).
READING_WORKERS = None
#: An item is read again when its bytes change (not its timestamp, which copies and checkouts may keep or move).
CHECK_MODIFIED_METHOD = "sha256"
CACHE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache", "pelican")
#: Content static files (images, attachments) are copied when their bytes differ
#: from their copy's (stable_output), whatever their times.
STATIC_CHECK_IF_MODIFIED = True
#: The theme's static folders, copied to THEME_STATIC_DIR only when a file
#: changes (Pelican's own THEME_STATIC_PATHS copy rewrites them every build).
THEME_STATIC_PATHS = []
STABLE_THEME_STATIC = ["static"]

# --- Templates ------------------------------------------------------------
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
#: ``{{ text | mark_languages(lang) }}``: *text* with each run in another
#: language than *lang* (default: the portal's) in <span lang dir>, as plugin
#: language_of_parts marks the bodies (portal.language_runs).
JINJA_FILTERS = {"mark_languages": marked_up}
