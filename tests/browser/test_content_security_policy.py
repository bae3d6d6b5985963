"""The portals' pages keep their own Content-Security-Policy in a real browser, in
both themes: chromium reports no violation (``securitypolicyviolation`` events,
console errors) on the home page, a domain, a resource, the search page while
suggestions are typed, and a community; and the styles the policy lets through
by their nonce (the portal's and the domain's colours) are applied."""

import pytest
from django.core.management import call_command

from .test_portals import ROOT_PROPERTY, computed, rgb

pytestmark = pytest.mark.browser

# Playwright runs this before the page's own scripts, outside the policy.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def communities(portals):
    from wagtail.models import Site

    from communities.models import Visibility
    from communities.pages import create_community, ensure_community_index

    found = {}
    for portal in portals:
        home = Site.objects.get(hostname=portal.hostname).root_page
        community = create_community(
            ensure_community_index(home), f"Réseau vélo {portal.theme}", Visibility.PUBLIC, summary="Entre pairs."
        )
        found[portal.hostname] = community.full_url
    return found


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "object-src 'none'" in policy and "'unsafe-inline'" not in policy
    assert "camera=()" in response.headers["permissions-policy"]
    page.wait_for_load_state("load")
    return response


def test_no_page_breaks_its_content_security_policy_in_either_theme(portals, communities, page):
    from resources.models import ResourcePage

    call_command("update_index", verbosity=0)
    console_errors = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(WATCH_VIOLATIONS)
    violations = {}

    for portal in portals:
        visit(page, portal.url)
        # The portal's colours and the domain tiles' come through the nonce'd style element.
        assert page.evaluate(ROOT_PROPERTY, "--portal-primary").lower() == portal.primary_colour
        tile = page.locator(f".domain-tile--{portal.domain_slug}")
        assert computed(tile, "border-left-color") == rgb("#0d47a1")
        violations[f"{portal.theme} home"] = page.evaluate("window.__violations")

        tile.click()
        page.wait_for_load_state("load")
        assert computed(page.locator(".page-header"), "border-left-color") == rgb("#0d47a1")
        violations[f"{portal.theme} domain"] = page.evaluate("window.__violations")

        resource = ResourcePage.objects.get(title=portal.resource_titles[0])
        visit(page, resource.full_url)
        assert page.locator("h1").inner_text().strip() == resource.title
        violations[f"{portal.theme} resource"] = page.evaluate("window.__violations")

        visit(page, f"{portal.url}recherche/?q=fiche")
        box = page.locator("#entete-recherche")
        box.fill("")
        box.press_sequentially("fiche mobi")
        page.locator(f"#{box.get_attribute('aria-controls')} [role=option]").first.wait_for()
        violations[f"{portal.theme} search"] = page.evaluate("window.__violations")

        visit(page, communities[portal.hostname])
        assert "Réseau vélo" in page.locator("h1").inner_text()
        violations[f"{portal.theme} community"] = page.evaluate("window.__violations")

    assert all(found == [] for found in violations.values()), violations
    assert not [text for text in console_errors if "Content Security Policy" in text or "Permissions-Policy" in text], (
        console_errors
    )

    # The watch does see a violation: a style attribute added to the page is refused.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<b style=\"color: red\">x</b>')")
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__violations")[0].startswith("style-src")
