"""Lighthouse 12.2.3 (npm, installed at the repository root by ``npm ci``) on Debian's
chromium. It runs with its default mobile emulation and simulated throttling (a
mid-range phone on a slow 4G network), the setting of Lighthouse CI, three times per
page; the run with the median performance score is kept, as Lighthouse CI does. A run
that Lighthouse itself aborts (it sometimes fails to record a trace) is run again."""

import json
import os
import subprocess

from . import budgets
from .browse import CHROMIUM, CHROMIUM_ARGS
from .server import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RUNS = 3
RETRIES = 2  # runs that end in a Lighthouse runtime error are run again, this many times at most
TIMEOUT_S = 180


def available():
    return LIGHTHOUSE.exists()


def audit(url, workdir):
    """Scores out of 100 per category, and the audits that lost points."""
    reports, errors = [], []
    for attempt in range(RUNS + RETRIES):
        if len(reports) == RUNS:
            break
        try:
            reports.append(_run(url, workdir / f"lighthouse-{attempt}.json"))
        except subprocess.CalledProcessError as error:  # e.g. NO_NAVSTART, a trace Chromium failed to record
            errors.append(error)
    if not reports:
        raise errors[-1]
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    report = reports[len(reports) // 2]
    scores = {name: round((category["score"] or 0) * 100) for name, category in report["categories"].items()}
    spread = [round((run["categories"]["performance"]["score"] or 0) * 100) for run in reports]
    return scores, _lost_points(report) + [f"performance over {len(spread)} runs: {spread}, the median run is kept"]


def _run(url, output):
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={','.join(budgets.LIGHTHOUSE_MINIMUMS)}",
            f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_ARGS])}",
            "--quiet",
        ],
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=TIMEOUT_S,
    )
    return json.loads(output.read_text())


def _lost_points(report):
    audits = report["audits"]
    notes = []
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 0.9:
                notes.append(f"{name}: {audit['title']} ({audit.get('displayValue') or audit['score']})")
    return notes
