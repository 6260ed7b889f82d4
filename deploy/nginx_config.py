"""The portal's nginx server block: deploy/nginx.conf with its placeholders filled in.

    .venv/bin/python deploy/nginx_config.py --root /srv/scjg/ --listen 80 > /etc/nginx/sites-enabled/scjg

The policies come from the portal's settings (pelicanconf.py), which every
page's ``<meta>`` policies come from too, so the server and the pages agree.
"""

import argparse
import pathlib
import re
import runpy

DEPLOY = pathlib.Path(__file__).resolve().parent
TEMPLATE = DEPLOY / "nginx.conf"
SETTINGS = DEPLOY.parent / "pelicanconf.py"
PLACEHOLDER_RE = re.compile(r"@([A-Z_]+)@")


def server_block(root, listen, settings):
    """deploy/nginx.conf serving the built portal at *root* on *listen* (a port, or address:port)."""
    quoted = {
        "ROOT": str(root),
        "CONTENT_SECURITY_POLICY": settings["CONTENT_SECURITY_POLICY"],
        "SEARCH_CONTENT_SECURITY_POLICY": settings["SEARCH_CONTENT_SECURITY_POLICY"],
        "REFERRER_POLICY": settings["REFERRER_POLICY"],
    }
    for name, value in quoted.items():
        if re.search(r'["$\\\n]', value):
            raise ValueError(f"{name} {value!r}: nginx would not read it between double quotes as written")
    values = {
        **quoted,
        "LISTEN": str(listen),
        "SEARCH_URL": re.escape(settings["SEARCH_URL"]),
        "SEARCH_INDEX_PATH": re.escape(settings["SEARCH_INDEX_PATH"]),
        "SPEECH_PATH": re.escape(settings["SPEECH_PATH"]),
    }
    return PLACEHOLDER_RE.sub(lambda match: values[match.group(1)], TEMPLATE.read_text(encoding="utf-8"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="the folder the built portal is published to")
    parser.add_argument("--listen", default="80", help="nginx's listen: a port, or address:port (default 80)")
    parser.add_argument("--settings", default=str(SETTINGS), help="the portal's settings (default pelicanconf.py)")
    options = parser.parse_args()
    print(server_block(options.root, options.listen, runpy.run_path(options.settings)), end="")


if __name__ == "__main__":
    main()
