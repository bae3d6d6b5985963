from django.core.management.base import BaseCommand, CommandError

from portail.portals import PortalError, create_portal
from themes.registry import DEFAULT_THEME, THEME_NAMES


class Command(BaseCommand):
    help = "Create a portal: its Site, home page, library pages, branding, collection and editors' group."

    def add_arguments(self, parser):
        parser.add_argument("--hostname", required=True, help="e.g. villes-durables.localhost")
        parser.add_argument("--name", required=True, help="the portal's public name")
        parser.add_argument("--theme", default=DEFAULT_THEME, choices=sorted(THEME_NAMES))
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--primary-colour", help="hex colour, e.g. #1f4e79")
        parser.add_argument("--secondary-colour", help="hex colour, e.g. #2e6b30")
        parser.add_argument("--default", action="store_true", help="serve this portal for unknown hosts")

    def handle(self, *args, **options):
        branding = {field: options[field] for field in ("primary_colour", "secondary_colour") if options.get(field)}
        try:
            portal = create_portal(
                options["hostname"],
                options["name"],
                theme=options["theme"],
                port=options["port"],
                default=options["default"],
                **branding,
            )
        except PortalError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Portal « {portal.branding.portal_name} » created on {portal.site.hostname} "
                f"(site {portal.site.pk}, home page {portal.home.pk}, editors' group « {portal.editors.name} »)."
            )
        )
