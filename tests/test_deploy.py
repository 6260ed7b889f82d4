"""The security headers ship with the portal: each page's own policies, and deploy/nginx.conf in real nginx."""

import dataclasses
import http.client
import runpy
import shutil
import socket
import subprocess
import time

import pytest
from sites import ROOT, SETTINGS, html_pages, read_page

PORTAL_SETTINGS = runpy.run_path(str(SETTINGS))
CSP = PORTAL_SETTINGS["CONTENT_SECURITY_POLICY"]
SEARCH_CSP = PORTAL_SETTINGS["SEARCH_CONTENT_SECURITY_POLICY"]
server_block = runpy.run_path(str(ROOT / "deploy" / "nginx_config.py"))["server_block"]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

#: nginx's main configuration around the portal's server block: in the foreground,
#: every file it writes under its prefix (-p), as Debian's http block has it.
NGINX_CONFIG = """daemon off;
user root;
worker_processes 1;
pid nginx.pid;
error_log error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path body;
    proxy_temp_path proxy;
    fastcgi_temp_path fastcgi;
    uwsgi_temp_path uwsgi;
    scgi_temp_path scgi;
    include {server};
}}
"""
SECRET = "SECRET=do-not-serve"


def test_every_page_carries_its_policies_before_anything_they_govern(sample_site):
    pages = html_pages(sample_site)
    assert len(pages) >= 150, "the sample has about 180 pages"
    assert sample_site / PORTAL_SETTINGS["SEARCH_SAVE_AS"] in pages
    for file in pages:
        head = read_page(file.parent, file.name).head
        policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        is_search = file == sample_site / PORTAL_SETTINGS["SEARCH_SAVE_AS"]
        assert policy["content"] == (SEARCH_CSP if is_search else CSP), file
        assert head.find("meta", attrs={"name": "referrer"})["content"] == "same-origin", file
        assert not policy.find_all_previous(["script", "link", "style", "base"]), file


def test_only_the_search_page_may_run_webassembly():
    assert "'wasm-unsafe-eval'" not in CSP
    assert SEARCH_CSP == CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
    for directive in (
        "default-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ):
        assert directive in CSP.split("; ")


def test_the_404_page_leads_to_search_the_home_page_and_the_catalog(sample_site):
    page = read_page(sample_site, "404.html")
    assert page.title.get_text() == f"页面不存在 - {PORTAL_SETTINGS['SITENAME']}"
    assert page.h1.get_text() == "页面不存在"
    main = page.main
    form = main.find("form", role="search")
    assert form["action"] == "/search/" and form["method"] == "get" and form.find("input", attrs={"name": "q"})
    assert {link["href"] for link in main.find_all("a")} >= {"/", "/catalog/"}
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@dataclasses.dataclass
class Response:
    status: int
    headers: dict  #: names in lower case
    body: bytes


@dataclasses.dataclass
class Server:
    port: int
    root: object

    def get(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return Response(
                response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
            )
        finally:
            connection.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, process, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nginx did not listen on port {port}")


@pytest.fixture(scope="module")
def nginx(sample_site, tmp_path_factory):
    """The sample portal served by nginx with deploy/nginx.conf, with files a server must not give away."""
    prefix = tmp_path_factory.mktemp("nginx")
    root = prefix / "portal"
    shutil.copytree(sample_site, root)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(SECRET)
    (root / ".env").write_text(SECRET)
    (root / "theme" / "img" / ".favicon.svg.swp").write_text(SECRET)
    (root / ".well-known").mkdir()
    (root / ".well-known" / "security.txt").write_text("Contact: mailto:hudong@scjg.example.gov.cn\n")
    (root / "audio" / "notices").mkdir(parents=True)
    (root / "audio" / "notices" / "item.mp3").write_bytes(b"ID3")
    (root / "audio" / "speech" / "clips" / "ab").mkdir(parents=True)
    (root / "audio" / "speech" / "clips" / "ab" / "ab12cd34ef567890.mp3").write_bytes(b"ID3")
    (root / "audio" / "speech" / "pages").mkdir()
    (root / "audio" / "speech" / "pages" / "index.html.json").write_text('{"clips": "", "blocks": {}}')
    port = free_port()
    (prefix / "server.conf").write_text(server_block(root, f"127.0.0.1:{port}", PORTAL_SETTINGS))
    (prefix / "nginx.conf").write_text(NGINX_CONFIG.format(server=prefix / "server.conf"))
    process = subprocess.Popen(
        [NGINX, "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"), "-e", "error.log"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(port, process)
        yield Server(port, root)
    finally:
        process.terminate()
        process.wait(timeout=10)


def assert_security_headers(response, policy=CSP):
    headers = response.headers
    assert headers["content-security-policy"] == f"{policy}; frame-ancestors 'none'"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"
    denied = headers["permissions-policy"].split(", ")
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()"} <= set(denied)
    assert headers["strict-transport-security"] == "max-age=31536000"


def test_a_page_is_sent_with_every_header_and_revalidated(nginx):
    response = nginx.get("/catalog/")
    assert response.status == 200
    assert_security_headers(response)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert "server" not in response.headers or "/" not in response.headers["server"]


def test_the_search_page_and_pagefinds_worker_may_run_webassembly(nginx):
    for path in ("/search/", "/search/?q=%E6%8A%BD%E6%A3%80", "/search/index.html", "/pagefind/0/pagefind-worker.js"):
        response = nginx.get(path)
        assert response.status == 200, path
        assert_security_headers(response, SEARCH_CSP)
    assert_security_headers(nginx.get("/pagefind/0/pagefind.js"))
    assert_security_headers(nginx.get("/text/search/"))


def test_only_files_named_by_their_content_are_cached_for_good(nginx):
    index = nginx.root / "pagefind" / "0"
    fingerprinted = [
        next(index.glob(pattern))
        for pattern in ("fragment/*.pf_fragment", "index/*.pf_index", "filter/*.pf_filter", "*.pf_meta")
    ]
    for file in fingerprinted:
        response = nginx.get("/" + file.relative_to(nginx.root).as_posix())
        assert response.status == 200, file
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable", file
        assert response.headers["content-type"] == "application/octet-stream", file
        assert_security_headers(response)
    clip = nginx.get("/audio/speech/clips/ab/ab12cd34ef567890.mp3")
    assert clip.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert clip.headers["content-type"] == "audio/mpeg"
    for path in (
        "/pagefind/0/pagefind.js",
        "/pagefind/0/pagefind-entry.json",
        "/pagefind/0/wasm.en.pagefind",
        "/theme/css/portal.css",
        "/feeds/all.atom.xml",
        "/audio/notices/item.mp3",
        "/audio/speech/pages/index.html.json",
        "/",
    ):
        assert nginx.get(path).headers["cache-control"] == "no-cache", path


def test_files_are_sent_with_their_types(nginx):
    types = {
        "/feeds/all.atom.xml": "application/atom+xml; charset=utf-8",
        "/catalog.csv": "text/csv; charset=utf-8",
        "/catalog.json": "application/json; charset=utf-8",
        "/audio/notices/item.mp3": "audio/mpeg",
        "/pagefind/0/pagefind.js": "application/javascript; charset=utf-8",
        "/pagefind/0/wasm.en.pagefind": "application/octet-stream",
        "/theme/css/portal.css": "text/css; charset=utf-8",
        "/theme/img/favicon.svg": "image/svg+xml; charset=utf-8",
        "/sitemap.xml": "text/xml; charset=utf-8",
        "/robots.txt": "text/plain; charset=utf-8",
    }
    for path, expected in types.items():
        response = nginx.get(path)
        assert (response.status, response.headers["content-type"]) == (200, expected), path


def test_a_missing_address_gets_the_portals_404_page(nginx):
    not_found = (nginx.root / "404.html").read_bytes()
    for path in ("/no/such/page/", "/normative/no-such-item/", "/search/missing", "/404.html"):
        response = nginx.get(path)
        assert (response.status, response.body) == (404, not_found), path
        assert_security_headers(response)
        assert response.headers["content-type"] == "text/html; charset=utf-8"


def test_dot_files_are_never_served_but_well_known_ones(nginx):
    for path in ("/.git/config", "/.env", "/theme/img/.favicon.svg.swp", "/.git/"):
        response = nginx.get(path)
        assert response.status == 404 and SECRET.encode() not in response.body, path
    response = nginx.get("/.well-known/security.txt")
    assert (response.status, response.body) == (200, b"Contact: mailto:hudong@scjg.example.gov.cn\n")


def test_a_folder_without_its_slash_is_redirected_to_it(nginx):
    response = nginx.get("/catalog")
    assert (response.status, response.headers["location"]) == (301, "/catalog/")
    assert_security_headers(response)
