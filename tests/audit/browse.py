"""One page in Debian's chromium: a cold load in a fresh browser context (empty cache),
a warm load (the same visit again, with the cache primed), then the accessibility
checks: axe-core, the lang attribute, the skip link, visible focus, labelled fields,
keyboard navigation and images. A page type that acts on its page (submitting a form)
does so on every visit, and its transfers count the action's."""

import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from . import budgets
from .network import NetworkLog
from .results import PageResult

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 20_000
MAX_TAB_STOPS = 150
TEXT_MIME = re.compile(r"^(text/|application/(javascript|json|xml|manifest\+json)|image/svg\+xml)")
FINGERPRINTED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
MAX_AGE = re.compile(r"max-age=(\d+)")
IMAGE_FORMATS = (".webp", ".avif", ".svg")
# Content images at least this wide need a srcset; smaller ones are icons, for which one
# size serves all screens.
RESPONSIVE_FROM_PX = 160

# Facts about the page once loaded; lazily loaded images below the fold are not loaded.
PAGE_FACTS = """() => {
  const describe = el => el.outerHTML.slice(0, 120);
  const fieldTypes = ['hidden', 'submit', 'button', 'reset', 'image'];
  const fields = [...document.querySelectorAll('input, select, textarea')]
    .filter(el => !fieldTypes.includes(el.type));
  const named = el => (el.labels && [...el.labels].some(label => label.textContent.trim()))
    || (el.getAttribute('aria-label') || '').trim()
    || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => {
         const label = id && document.getElementById(id);
         return label && label.textContent.trim();
       });
  const images = [...document.images].map(img => {
    const box = img.getBoundingClientRect();
    const sources = [img.getAttribute('src') || '', ...(img.getAttribute('srcset') || '').split(',')
      .map(entry => entry.trim().split(/\\s+/)[0])].filter(Boolean);
    return {
      html: describe(img), sources, lazy: img.loading === 'lazy',
      belowFold: box.top >= innerHeight, width: box.width,
      responsive: !!img.getAttribute('srcset') || img.parentElement.tagName === 'PICTURE',
      inMain: !!img.closest('main'),
    };
  });
  return {
    lang: document.documentElement.getAttribute('lang') || '',
    dom: document.getElementsByTagName('*').length - document.querySelectorAll('svg *').length,
    unlabelled: fields.filter(el => !named(el)).map(describe),
    images,
  };
}"""

# The focused element, and whether a focus indicator is drawn around it.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
    && !/rgba\\(.*,\\s*0\\)$/.test(style.outlineColor);
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const main = document.querySelector('main');
  const box = el.getBoundingClientRect();
  const href = el.getAttribute('href') || '';
  const target = href.startsWith('#') && href.length > 1 ? document.getElementById(href.slice(1)) : null;
  const path = [];
  for (let node = el; node && node.parentElement; node = node.parentElement) {
    path.unshift(node.tagName + ':' + [...node.parentElement.children].indexOf(node));
  }
  return {
    key: path.join('>'),
    html: el.outerHTML.slice(0, 120),
    tag: el.tagName.toLowerCase(),
    href,
    indicator: outline || shadow,
    shown: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
    isMain: !!main && (el === main || el.contains(main)),
    inMain: !!main && main.contains(el) && el !== main,
    targetsMain: !!(target && main && (target === main || target.contains(main) || main.contains(target))),
    search: el.matches('input[type=search], input[name=q]'),
  };
}"""
MAIN_HAS_TABBABLE = """() => [...document.querySelectorAll(
  'main a[href], main button, main input:not([type=hidden]), main select, main textarea, main [tabindex]')]
  .some(el => !el.disabled && el.tabIndex >= 0)"""
HAS_SEARCH_BOX = "() => !!document.querySelector('input[type=search], input[name=q]')"


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def audit_page(browser, target):
    result = PageResult(target)
    context = browser.new_context(viewport=VIEWPORT, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        network = NetworkLog(context.new_cdp_session(page))
        result.status = _open(page, target)
        _cold_load(network.take(), result)
        _page_facts(page, result)
        _open(page, target)
        result.warm_bytes = sum(exchange.encoded_bytes for exchange in network.take())
        _axe(page, result)
        _skip_link(page, result)
        _open(page, target)
        _tab_through(page, result)
    except Exception as error:  # noqa: BLE001 - any browser failure is reported in the table
        result.error = f"{type(error).__name__}: {error}".splitlines()[0]
    finally:
        context.close()
    return result


def _open(page, target):
    """Visit the page as a reader does (in a new document, with whatever the browser has
    cached), act on it if its page type says so, and return the HTTP status shown."""
    response = page.goto(target.url, wait_until="networkidle")
    if target.page_type.act:
        response = target.page_type.act(page)
    page.wait_for_timeout(200)
    return response.status if response else 0


def _cold_load(exchanges, result):
    # A resource an earlier page of the same visit put in the cache is not fetched again.
    result.requests = sum(1 for exchange in exchanges if not exchange.from_cache)
    result.cold_bytes = sum(exchange.encoded_bytes for exchange in exchanges)
    for exchange in exchanges:
        if exchange.failed or exchange.status >= 400:
            result.http_errors.append(f"{exchange.status or exchange.failed} {exchange.url}")
        if _compressible(exchange) and not exchange.header("content-encoding"):
            result.uncompressed.append(f"{exchange.url} ({exchange.encoded_bytes} B)")
        path = urlsplit(exchange.url).path
        if path.startswith("/static/") and not _long_lived(exchange, path):
            result.uncached.append(f"{exchange.url} (cache-control: {exchange.header('cache-control') or 'none'})")


def _compressible(exchange):
    return (
        exchange.status == 200
        and TEXT_MIME.match(exchange.mime_type)
        and exchange.encoded_bytes > budgets.COMPRESSIBLE_BYTES
    )


def _long_lived(exchange, path):
    max_age = MAX_AGE.search(exchange.header("cache-control"))
    return bool(FINGERPRINTED.search(path)) and bool(max_age) and int(max_age.group(1)) >= budgets.STATIC_MAX_AGE_S


def _page_facts(page, result):
    facts = page.evaluate(PAGE_FACTS)
    result.lang = facts["lang"]
    result.dom_elements = facts["dom"]
    result.unlabelled = facts["unlabelled"]
    result.image_count = len(facts["images"])
    for image in facts["images"]:
        problems = []
        if not all(PurePosixPath(urlsplit(source).path).suffix.lower() in IMAGE_FORMATS for source in image["sources"]):
            problems.append("not WebP/AVIF/SVG")
        if image["belowFold"] and not image["lazy"]:
            problems.append("below the fold but not lazy-loaded")
        if image["inMain"] and image["width"] >= RESPONSIVE_FROM_PX and not image["responsive"]:
            problems.append("no srcset")
        if problems:
            result.bad_images.append(f"{image['html']}: {', '.join(problems)}")


def _axe(page, result):
    violations = Axe().run(page).response["violations"]
    result.axe = [
        (violation["id"], violation["impact"], len(violation["nodes"]))
        for violation in violations
        if violation["impact"] in budgets.AXE_IMPACTS
    ]


def _skip_link(page, result):
    """From a fresh load, the first Tab lands on a visible link to the main content, and
    following it moves the focus there, so that the next Tab goes to the first focusable
    element inside it, if it has any."""
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    if not first or first["tag"] != "a" or not first["href"].startswith("#"):
        result.skip_link = f"first focusable is not an in-page link: {first and first['html']}"
    elif not first["shown"]:
        result.skip_link = "the skip link stays invisible when focused"
    elif not first["targetsMain"]:
        result.skip_link = f"the skip link does not lead to <main>: {first['href']}"
    if result.skip_link:
        result.keyboard = "no working skip link"
        return
    page.keyboard.press("Enter")
    landed = page.evaluate(FOCUSED)
    if not landed or not (landed["isMain"] or landed["inMain"]):
        result.keyboard = (
            f"following the skip link leaves the focus outside <main>, on {landed['html'] if landed else '<body>'}"
        )
        return
    if not page.evaluate(MAIN_HAS_TABBABLE):
        return
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUSED)
    if not after or not after["inMain"]:
        result.keyboard = f"Tab after the skip link goes outside <main>, to {after['html'] if after else '<body>'}"


def _tab_through(page, result):
    """Tab from a fresh load through every focusable element: each must show a focus
    indicator, and the search box, if the page has one, must be reached."""
    seen = set()
    reached_search = False
    for _stop in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["key"] in seen:
            break
        seen.add(focused["key"])
        reached_search = reached_search or focused["search"]
        if not focused["indicator"]:
            result.no_focus_style.append(focused["html"])
    if page.evaluate(HAS_SEARCH_BOX) and not reached_search and not result.keyboard:
        result.keyboard = "Tab never reaches the search box"
