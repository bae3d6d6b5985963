"""The project: settings, URLs, Celery, the demo and the commands that orchestrate the apps."""

from .celery import app as celery_app

__all__ = ["celery_app"]
