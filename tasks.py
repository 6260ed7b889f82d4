"""Everyday tasks: ``invoke --list`` shows them."""

import datetime
import glob
import json
import os
import shlex
import shutil
import sys
import tempfile
import threading

from invoke import UnexpectedExit, task

ROOT = os.path.dirname(os.path.abspath(__file__))
SETTINGS = os.path.join(ROOT, "pelicanconf.py")
PUBLISH_SETTINGS = os.path.join(ROOT, "publishconf.py")
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


def run_pelican(c, content, settings_file, output, extra=""):
    """Build *content* into *output* with Pelican and *settings_file*; raises UnexpectedExit on failure."""
    c.run(f'"{sys.executable}" -m pelican "{content}" -s "{settings_file}" -o "{output}"{extra}', pty=False)


@task(help={"content": "the content folder to check (default: the sample portal's)"})
def check(c, content=None):
    """Check every item and the messages file against the content model, without building."""
    settings = pelican_settings(content)
    from portal.content_check import validate_site

    problems = validate_site(settings)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(f"{len(problems)} problem{'s' * (len(problems) != 1)} found.")
    print(f"Content of {settings['PATH']} is valid.")


@task(
    help={
        "category": "the id (or name) of its catalog node; asked for when not given",
        "title": "信息名称; asked for when not given",
        "publisher": "发布机构 (default: SITENAME)",
        "disclosure": "公开属性: 主动公开, 依申请公开 or 不予公开 (default: 主动公开)",
        "withhold_basis": "不予公开依据, for an item that is not 主动公开; asked for when needed",
        "content": "content folder (default: content/)",
        "date": "发布日期, YYYY-MM-DD (default: today in TIMEZONE)",
        "slug": "file name without .md (default: <date>-<words of the title>)",
    }
)
def new(
    c,
    category=None,
    title=None,
    publisher=None,
    disclosure=None,
    withhold_basis=None,
    content=None,
    date=None,
    slug=None,
):
    """Start a new item (Status: draft) with the next free index number, in a file that passes check."""
    settings = pelican_settings(content)
    from portal.file_writing import write_atomically
    from portal.item_drafting import answers, placement, skeleton

    options = {
        "category": category,
        "title": title,
        "publisher": publisher,
        "disclosure": disclosure,
        "withhold_basis": withhold_basis,
        "date": date,
        "slug": slug,
    }
    try:
        item = answers.gather(settings, options, ask=answers.ask if sys.stdin.isatty() else None)
        path = placement.item_path(settings, item)
        index_no = placement.next_index_no(settings, item.date.year)
        write_atomically(path, skeleton.item_text(item, index_no), replace=False)
    except answers.Refused as error:
        sys.exit(f"{error}\nNo item was written.")
    except (EOFError, KeyboardInterrupt):
        sys.exit("\nStopped; no item was written.")
    print(f"Wrote {path} (Status: draft; an editor completes it and removes that line to publish).")
    print(f"Index_no: {index_no}")


@task(
    help={
        "year": "the year reported on, e.g. 2019",
        "content": "content folder (default: content/)",
        "output": "the Markdown file to write (default: <content>/annual-reports/<year>-annual-report.md)",
        "force": "overwrite the file if it exists",
    }
)
def report(c, year, content=None, output=None, force=False):
    """Draft the year's 政府信息公开工作年度报告 (2021 format) as an item for an editor to complete."""
    settings = pelican_settings(content)
    from portal.annual_report import document, records, statistics
    from portal.content_model.problems import ContentValidationError

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


@task(
    help={
        "output": "the built portal to check (default: output/)",
        "content": "content folder it was built from (default: content/)",
        "now": "judge freshness as of this day, YYYY-MM-DD (default: DISCLOSURE_NOW or today)",
        "external": "also check links to other sites (bounded, with a timeout)",
        "report": "folder for report.html and report.json (default: <output>.monitor/, beside the output "
        "so that it is never published)",
    }
)
def monitor(c, output=None, content=None, now=None, external=False, report=None):
    """Check a built portal as the national website inspection does; exit non-zero on a veto-level finding."""
    import datetime

    settings = pelican_settings(content)
    from portal.content_model.publishing import build_time
    from portal.site_monitor import monitor_portal
    from portal.site_monitor.report import verdict, write_report
    from portal.workdays import HolidayFileError

    output = os.path.abspath(output or OUTPUT)
    folder = os.path.abspath(report or f"{output}.monitor")
    if not os.path.isfile(os.path.join(output, "catalog.json")):
        sys.exit(f"{output} is not a built portal (it has no catalog.json); build it first.")
    day = datetime.date.fromisoformat(now) if now else build_time(settings).date()
    try:
        result = monitor_portal(output, settings, day, external=external, skip=folder)
    except HolidayFileError as error:
        sys.exit(str(error))
    path = write_report(result, folder, settings["SITENAME"], output)
    counts = {
        severity: sum(finding.severity == severity for finding in result["findings"])
        for severity in ("veto", "error", "warning")
    }
    print(
        f"Monitored {result['pages']} pages and {result['items']} items as of {day}: "
        f"{counts['veto']} veto, {counts['error']} errors, {counts['warning']} warnings. Report: {path}"
    )
    for finding in result["findings"]:
        if finding.severity == "veto":
            print(f"  单项否决: {finding.message}", file=sys.stderr)
    if verdict(result) == "veto":
        sys.exit("The portal fails the inspection (单项否决); see the report.")


@task(
    help={
        "content": "content folder (default: content/)",
        "output": "output folder (default: output/)",
        "audio": "synthesize the audio versions (default: yes; --no-audio for a quick preview)",
    }
)
def build(c, content=None, output=None, audio=True):
    """Build the portal with the development settings."""
    extra = "" if audio else " -e AUDIO_ENABLED=false"
    run_pelican(c, content or os.path.join(ROOT, "content"), SETTINGS, output or OUTPUT, extra)


@task(
    help={
        "target": "rsync destination, e.g. deploy@web.example.gov.cn:/srv/scjg/ (default: PUBLISH_TARGET)",
        "sync": "upload to the target after the local publish (default: yes; --no-sync: local only)",
        "now": "the monitor judges freshness as of this day, YYYY-MM-DD (embargoes are not affected)",
        "content": "content folder (default: content/)",
        "output": "the live output folder that the new build replaces (default: output/)",
    }
)
def publish(c, target=None, sync=True, now=None, content=None, output=None):
    """Build with publishconf.py, monitor the build, swap it in for the live output, rsync it to the target.

    The build goes into a staging folder beside the live one and replaces it, in
    one atomic exchange, only once the content check, the build and the monitor
    have passed; otherwise the staging folder is removed and the live folder
    stays exactly as it was.  Killed at any instant, a publish leaves the live
    folder whole (the old or the new portal); the next one removes what it left
    beside it.  The lock <output>.lock keeps builds and publishes of the same
    folder from running at once.  The monitor's report goes to <output>.monitor/,
    outside what is published, and the twins and the search index are taken from
    <output>.cache/ when their sources did not change (every item is read
    afresh: publishconf.py).
    """
    content = content or os.path.join(ROOT, "content")
    live = os.path.abspath(output or OUTPUT)
    settings = pelican_settings(content, settings_file=PUBLISH_SETTINGS)
    target = target or settings["PUBLISH_TARGET"]
    problem = sync and upload_problem(target)
    if problem:
        sys.exit(f"{problem} Nothing was built or changed.")
    from portal.file_writing import folders

    try:
        folders.check_output_folder(live)
    except folders.OutputFolderError as error:
        sys.exit(f"{error}\nNothing was built or changed.")
    check(c, content)
    with folders.output_lock(live):
        remove_leftovers(live)
        staging = f"{live}.new-{os.getpid()}"
        report = f"{live}.monitor"
        cache = f"{live}.cache"
        try:
            try:
                run_pelican(c, content, PUBLISH_SETTINGS, staging, f" -e CACHE_PATH={shlex.quote(json.dumps(cache))}")
            except UnexpectedExit:
                sys.exit(f"The production build failed; {live} is unchanged.")
            try:
                monitor(c, output=staging, content=content, now=now, report=report)
            except SystemExit as stop:
                if isinstance(stop.code, str):  # its message, which the interpreter would have printed
                    print(stop.code, file=sys.stderr)
                sys.exit(f"The monitor stopped the publish (report: {report}); {live} is unchanged.")
            folders.replace_folder(staging, live)
        finally:
            remove_leftovers(live)
        print(f"Published the new build in {live}.")
        if sync:
            upload(c, live, target, settings["PUBLISH_RSYNC_OPTIONS"])


def remove_leftovers(live):
    """Remove what publishes and builds of *live* left beside it (staging folders and their locks)."""
    for path in glob.glob(f"{glob.escape(live)}.new-*") + glob.glob(f"{glob.escape(live)}.old"):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.remove(path)


def upload_problem(target):
    """Why the portal cannot be uploaded to *target*, or "" if it can."""
    if not target:
        return (
            "No publish target is set: give one with --target (e.g. --target deploy@web.example.gov.cn:/srv/scjg/)"
            " or as PUBLISH_TARGET in pelicanconf.py, or publish to the local output only with --no-sync."
        )
    if not shutil.which("rsync"):
        return "rsync is not installed: apt-get install rsync (scripts/setup.sh installs it), or use --no-sync."
    return ""


def upload(c, live, target, options):
    """Upload the live folder to *target* as a new release, then switch the web root to it at once.

    The target holds ``releases/<time>/`` and the symbolic link ``current``, which
    the web server serves (deploy/README.md).  A release is uploaded beside the
    served one, with every unchanged file a hard link to the previous release
    (so it takes no space and keeps its time); then ``current`` is replaced by a
    link to it in one rename.  Readers never see a temporary file, or a mix of
    two releases.  The two newest releases stay, for a rollback.
    """
    target = target.rstrip("/") + "/"
    release = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    try:
        with tempfile.TemporaryDirectory(prefix="portal-release-") as switch:
            empty = os.path.join(switch, "releases")
            os.mkdir(empty)
            c.run(shlex.join(["rsync", "--dirs", *options, empty, target]), pty=False)
            c.run(
                shlex.join(
                    [
                        "rsync",
                        "-a",
                        "--checksum",
                        "--no-times",
                        *options,
                        "--link-dest=../../current/",
                        f"{live}/",
                        f"{target}releases/{release}/",
                    ]
                ),
                pty=False,
            )
            os.symlink(f"releases/{release}", os.path.join(switch, "current"))
            c.run(shlex.join(["rsync", "-a", *options, os.path.join(switch, "current"), target]), pty=False)
            kept = sorted(name for name in list_releases(c, target, options) if name <= release)[-2:]
            c.run(
                shlex.join(
                    [
                        "rsync",
                        "-r",
                        "--delete",
                        *options,
                        *(f"--filter=P /{name}/" for name in kept),
                        f"{empty}/",
                        f"{target}releases/",
                    ]
                ),
                pty=False,
            )
    except UnexpectedExit:
        sys.exit(
            f"The upload failed (see rsync's message above), but the local publish in {live} succeeded: "
            f"publish again to retry it."
        )


def list_releases(c, target, options):
    """The names of the releases at *target*."""
    listing = c.run(shlex.join(["rsync", "--list-only", *options, f"{target}releases/"]), pty=False, hide=True)
    names = [line.split()[-1] for line in listing.stdout.splitlines() if line.startswith("d")]
    return [name for name in names if name != "."]


@task
def audio_prune(c):
    """Remove cached audio that the last build did not use."""
    from portal.speech.cache import BLOCKS_FOLDER, AudioCache

    folder = pelican_settings()["AUDIO_CACHE_PATH"]
    removed = AudioCache(folder).prune() + AudioCache(os.path.join(folder, BLOCKS_FOLDER)).prune()
    print(f"Removed {removed} stale recording{'s' * (removed != 1)} from {folder}.")


@task
def clean(c):
    """Remove the built portal and Pelican's cache (readings, twins, search index); audio and images stay cached."""
    shutil.rmtree(OUTPUT, ignore_errors=True)
    shutil.rmtree(pelican_settings()["CACHE_PATH"], ignore_errors=True)


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
    """Serve the portal and rebuild it whenever content, theme, plugins or settings change.

    Each rebuild is a new Pelican process (so edited plugins and settings take
    effect) with the caches of pelicanconf.py: unchanged items are not read
    again, unchanged pages keep their files and twins, and the search index is
    remade only when a record changed.
    """
    import watchfiles

    server = threading.Thread(target=serve, args=(c, port), daemon=True)
    watched = [os.path.join(ROOT, name) for name in ("content", "theme", "plugins", "portal", "pelicanconf.py")]
    while True:
        try:
            run_pelican(c, os.path.join(ROOT, "content"), SETTINGS, OUTPUT, " -q")
        except UnexpectedExit:  # a content problem must not end the preview; Pelican has said what it is
            print("Build failed; the preview shows the last good build.", file=sys.stderr)
        if not server.is_alive():
            server.start()
        changes = next(watchfiles.watch(*watched))
        print("Changed:", ", ".join(sorted(os.path.relpath(path, ROOT) for _, path in changes)))


@task(help={"fix": "fix what ruff can fix and format the code, instead of only checking"})
def lint(c, fix=False):
    """Check the code's style with ruff: its lint rules and its formatter (pyproject.toml); the test suite runs this too."""
    ruff = f'"{sys.executable}" -m ruff'
    if fix:
        c.run(f"{ruff} check --fix . && {ruff} format .", pty=False)
    else:
        c.run(f"{ruff} check . && {ruff} format --check .", pty=False)


@task(help={"quick": "skip the slow tests (browser, HTML checker)", "k": "only tests matching this expression"})
def test(c, quick=False, k=None):
    """Run the test suite (the whole of it unless --quick)."""
    args = ["-m", '"not browser and not slow and not audio"'] if quick else []
    if k:
        args += ["-k", f'"{k}"']
    c.run(f'"{sys.executable}" -m pytest {" ".join(args)}', pty=False)
