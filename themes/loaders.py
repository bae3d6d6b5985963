"""Template loader mapping ``<theme>/<path>`` to ``themes/<theme>/templates/<path>``."""

from django.core.exceptions import SuspiciousFileOperation
from django.template import Origin
from django.template.loaders.filesystem import Loader as FilesystemLoader
from django.utils._os import safe_join

from .registry import THEME_NAMES, THEMES_DIR


class ThemeLoader(FilesystemLoader):
    def get_dirs(self):
        """The themes' template folders, watched by runserver's autoreloader."""
        return [THEMES_DIR / theme / "templates" for theme in sorted(THEME_NAMES)]

    def get_template_sources(self, template_name):
        theme, sep, path = template_name.partition("/")
        if not sep or theme not in THEME_NAMES:
            return
        try:
            name = safe_join(THEMES_DIR / theme / "templates", path)
        except SuspiciousFileOperation:
            return
        yield Origin(
            name=name,
            template_name=template_name,
            loader=self,
        )
