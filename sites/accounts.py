"""django-allauth's adapter for the portals (``ACCOUNT_ADAPTER``).

allauth builds the links of its e-mails (password reset, address confirmation,
sign-up) with ``request.build_absolute_uri``, from the request's ``Host``
header, and names the site after that header too (``get_current_site`` without
django.contrib.sites). A forged Host would then put its own domain in a
password-reset link. Here every link and the site's name and domain come from
the portal the request is for (``sites.portal_urls``)."""

from dataclasses import dataclass
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .branding import PortalBranding
from .portal_urls import absolute_url, portal_site


@dataclass(frozen=True)
class PortalSite:
    """What allauth's templates read of ``current_site``."""

    name: str
    domain: str


class PortalAccountAdapter(DefaultAccountAdapter):
    def _absolute(self, path):
        return absolute_url(self.request, path)

    def get_reset_password_from_key_url(self, key):
        # allauth's own path, with its opaque key in place of uidb36 and key
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return self._absolute(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(request or self.request, reverse("account_confirm_email", args=[emailconfirmation.key]))

    def send_account_already_exists_mail(self, email):
        context = {
            "signup_url": self._absolute(reverse("account_signup")),
            "password_reset_url": self._absolute(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, context)

    def send_mail(self, template_prefix, email, context):
        site = portal_site(self.request)
        context = dict(context)
        if site is not None:
            context["current_site"] = PortalSite(name=PortalBranding.for_site(site).name, domain=site.hostname)
        if "signup_url" in context:
            # The mail to an unknown address gets it from allauth, from the Host header.
            context["signup_url"] = self._absolute(reverse("account_signup"))
        super().send_mail(template_prefix, email, context)
