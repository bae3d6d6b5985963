"""``python -m tests.audit``: serve the demo like production, audit every page type of
one portal per theme, print the table and exit 1 if any page breaks a budget."""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import lighthouse, report, server
from .browse import CHROMIUM
from .results import PageResult

LOW_CONTRAST_COLOUR = "#ffcc00"  # white text on it reaches 1.5:1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.audit", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port to serve on (default: a free one)")
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip Lighthouse (quicker, but then the audit fails)"
    )
    options = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: run `bash scripts/install-browser.sh` (Debian's chromium).", file=sys.stderr)
        return 1
    run_lighthouse = not options.no_lighthouse and lighthouse.available()
    with tempfile.TemporaryDirectory(prefix="audit-") as folder:
        workdir = Path(folder)
        port = options.port or server.free_port()
        env = server.production_environment(workdir)
        _say("collecting static files, creating the database, loading the demo…")
        server.prepare(env, port)
        os.environ.update(env)
        import django

        django.setup()
        from .pages import targets

        audited = targets()  # the ORM is done with before Playwright's event loop starts
        contrast_message = _branding_refuses_low_contrast()
        results = _audit(audited, env, port, workdir, run_lighthouse)

    print(f"\n{report.LEGEND}\n\n{report.table(results)}\n\n{report.details(results)}\n")
    if contrast_message:
        print(f"Branding: a primary colour of {LOW_CONTRAST_COLOUR} is refused: « {contrast_message} »")
    else:
        print(f"Branding: FAIL, a primary colour of {LOW_CONTRAST_COLOUR} is accepted")
    if not run_lighthouse:
        print("Lighthouse: FAIL, not run" + ("" if options.no_lighthouse else " (`npm ci` installs it)"))
    built = [result for result in results if result.target.built]
    failed = [result for result in built if result.failures()]
    print(f"{len(results) - len(built)} page types not built yet; {time.monotonic() - STARTED:.0f} s")
    print(f"audit: {len(built) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed or not contrast_message or not run_lighthouse else 0


STARTED = time.monotonic()


def _say(message):
    print(f"[audit {time.monotonic() - STARTED:4.0f} s] {message}", file=sys.stderr, flush=True)


def _branding_refuses_low_contrast():
    """The message the branding setting gives for a colour white text is unreadable on,
    or an empty string if it accepts it."""
    from django.core.exceptions import ValidationError
    from wagtail.models import Site

    from sites.models import PortalBranding

    branding = PortalBranding(site=Site.objects.get(is_default_site=True), primary_colour=LOW_CONTRAST_COLOUR)
    try:
        branding.clean()
    except ValidationError as error:
        return " ".join(error.message_dict.get("primary_colour", []))
    return ""


def _audit(audited, env, port, workdir, run_lighthouse):
    from playwright.sync_api import sync_playwright

    from .browse import audit_page, launch

    log = workdir / "gunicorn.log"
    try:
        with server.Server(env, port, log), sync_playwright() as playwright:
            browser = launch(playwright)
            results = []
            for target in audited:
                if target.url:
                    _say(f"{target.theme:<8} {target.page_type.name}: {target.url}")
                results.append(audit_page(browser, target) if target.url else PageResult(target))
            browser.close()
            for result in results:
                if run_lighthouse and result.target.url and result.target.page_type.lighthouse:
                    _say(f"lighthouse {result.target.theme} {result.target.page_type.name}")
                    try:
                        result.lighthouse, result.lighthouse_notes = lighthouse.audit(result.target.url, workdir)
                    except (subprocess.SubprocessError, OSError, ValueError) as error:
                        result.lighthouse, result.lighthouse_notes = {}, [f"did not run: {error}"]
            return results
    except Exception:
        if log.exists():
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
        raise


if __name__ == "__main__":
    sys.exit(main())
