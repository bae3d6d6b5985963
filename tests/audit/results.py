"""What the audit found on one page, and which budgets it breaks."""

from dataclasses import dataclass, field

from . import budgets, ecoindex
from .pages import Target

KB = 1024


@dataclass
class PageResult:
    target: Target
    status: int = 0
    axe: list = field(default_factory=list)  # (rule, impact, node count) at a blocking impact
    lang: str = ""
    skip_link: str = ""  # why the skip link fails; empty when it works
    keyboard: str = ""  # why keyboard navigation fails; empty when it works
    no_focus_style: list = field(default_factory=list)
    unlabelled: list = field(default_factory=list)
    bad_images: list = field(default_factory=list)
    image_count: int = 0
    uncompressed: list = field(default_factory=list)
    uncached: list = field(default_factory=list)
    http_errors: list = field(default_factory=list)
    cold_bytes: int = 0
    warm_bytes: int = 0
    requests: int = 0
    dom_elements: int = 0
    lighthouse: dict | None = None  # category -> score out of 100
    lighthouse_notes: list = field(default_factory=list)
    error: str = ""

    @property
    def cold_kb(self):
        return self.cold_bytes / KB

    @property
    def warm_kb(self):
        return self.warm_bytes / KB

    @property
    def eco_score(self):
        return ecoindex.score(self.dom_elements, self.requests, self.cold_kb)

    @property
    def eco_grade(self):
        return ecoindex.grade(self.eco_score)

    def failures(self):
        """The names of the budgets this page breaks."""
        if self.error:
            return ["error"]
        checks = {
            "http": self.status == 200 and not self.http_errors,
            "axe": not self.axe,
            "lang": bool(self.lang),
            "skip": not self.skip_link,
            "focus": not self.no_focus_style,
            "labels": not self.unlabelled,
            "kbd": not self.keyboard,
            "img": not self.bad_images,
            "zip": not self.uncompressed,
            "cache": not self.uncached,
            "cold": self.cold_kb <= budgets.COLD_KB,
            "warm": self.warm_kb <= budgets.WARM_KB,
            "req": self.requests <= budgets.REQUESTS,
            "dom": self.dom_elements <= budgets.DOM_ELEMENTS,
            "eco": self.eco_grade in budgets.ECOINDEX_GRADES,
        }
        for category, minimum in budgets.LIGHTHOUSE_MINIMUMS.items():
            if self.lighthouse is not None:
                checks[f"lh-{category}"] = self.lighthouse.get(category, 0) >= minimum
        return [name for name, passed in checks.items() if not passed]
