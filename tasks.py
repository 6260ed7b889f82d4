"""Everyday tasks: ``invoke --list`` shows them."""

import os
import shutil
import sys
import threading

from invoke import task

ROOT = os.path.dirname(os.path.abspath(__file__))
SETTINGS = os.path.join(ROOT, "pelicanconf.py")
OUTPUT = os.path.join(ROOT, "output")
HOST, PORT = "127.0.0.1", 8000


def pelican_settings(content=None, output=None, settings_file=SETTINGS):
    from pelican.settings import read_settings

    override = {}
    if content:
        override["PATH"] = os.path.abspath(content)
    if output:
        override["OUTPUT_PATH"] = os.path.abspath(output)
    return read_settings(settings_file, override=override)


@task(help={"content": "the content folder to check (default: the sample portal's)"})
def check(c, content=None):
    """Check every item against the content model, without building."""
    settings = pelican_settings(content)
    from content_validation.validator import validate_site

    problems = validate_site(settings)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(f"{len(problems)} problem{'s' * (len(problems) != 1)} found.")
    print(f"Content of {settings['PATH']} is valid.")


@task(help={"year": "the year reported on, e.g. 2019",
            "content": "content folder (default: content/)",
            "output": "the Markdown file to write (default: <content>/annual-reports/<year>-annual-report.md)",
            "force": "overwrite the file if it exists"})
def report(c, year, content=None, output=None, force=False):
    """Draft the year's 政府信息公开工作年度报告 (2021 format) as an item for an editor to complete."""
    settings = pelican_settings(content)
    from annual_report import document, records, statistics
    from content_validation.validator import ContentValidationError

    if not (year.isdigit() and len(year) == 4):
        sys.exit(f"--year takes a year such as 2019, not {year!r}.")
    year = int(year)
    path = os.path.abspath(output) if output else document.report_path(settings, year)
    if os.path.exists(path) and not force:
        sys.exit(f"{path} exists; --force overwrites it.")
    try:
        figures = statistics.count_year(statistics.published_items(settings), year)
        year_records = records.load_records(records.records_path(settings, year), year)
    except (ContentValidationError, records.RecordsError) as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        sys.exit(f"{count} problem{'s' * (count != 1)} found; no report was written.")
    document.write_report(path, document.draft(settings, year, figures, year_records, replacing=path))
    print(f"Wrote the draft report on {year} to {path} (Status: draft; an editor completes it).")
    print(f"Table 2 of {year}, from the published items:")
    for line in figures.summary_lines():
        print(f"  {line}")


@task(help={"content": "content folder (default: content/)", "output": "output folder (default: output/)",
            "audio": "synthesize the audio versions (default: yes; --no-audio for a quick preview)"})
def build(c, content=None, output=None, audio=True):
    """Build the portal with the development settings."""
    content = content or os.path.join(ROOT, "content")
    extra = "" if audio else " -e AUDIO_ENABLED=false"
    c.run(f'"{sys.executable}" -m pelican "{content}" -s "{SETTINGS}" -o "{output or OUTPUT}"{extra}', pty=False)


@task
def audio_prune(c):
    """Remove cached audio that the last build did not use."""
    from item_audio.library import AudioCache

    settings = pelican_settings()
    removed = AudioCache(settings["AUDIO_CACHE_PATH"]).prune()
    print(f"Removed {removed} stale recording{'s' * (removed != 1)} from {settings['AUDIO_CACHE_PATH']}.")


@task
def clean(c):
    """Remove the built portal."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(help={"port": f"port on {HOST} (default {PORT})"})
def serve(c, port=PORT):
    """Serve the built portal on http://127.0.0.1:8000/ until Ctrl-C."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    RootedHTTPServer.allow_reuse_address = True
    server = RootedHTTPServer(OUTPUT, (HOST, int(port)), ComplexHTTPRequestHandler)
    print(f"Serving the portal on http://{HOST}:{port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task(help={"port": f"port on {HOST} (default {PORT})"})
def livereload(c, port=PORT):
    """Serve the portal and rebuild it whenever content, theme, plugins or settings change."""
    import watchfiles
    from pelican import Pelican

    server = threading.Thread(target=serve, args=(c, port), daemon=True)
    watched = [os.path.join(ROOT, name) for name in ("content", "theme", "plugins", "pelicanconf.py")]
    while True:
        try:
            Pelican(pelican_settings(output=OUTPUT)).run()
        except (Exception, SystemExit) as error:  # a content problem must not end the preview
            print(f"Build failed: {error}", file=sys.stderr)
        if not server.is_alive():
            server.start()
        changes = next(watchfiles.watch(*watched))
        print("Changed:", ", ".join(sorted(os.path.relpath(path, ROOT) for _, path in changes)))


@task(help={"quick": "skip the slow tests (browser, HTML checker)", "k": "only tests matching this expression"})
def test(c, quick=False, k=None):
    """Run the test suite (the whole of it unless --quick)."""
    args = ["-m", '"not browser and not slow and not audio"'] if quick else []
    if k:
        args += ["-k", f'"{k}"']
    c.run(f'"{sys.executable}" -m pytest {" ".join(args)}', pty=False)
