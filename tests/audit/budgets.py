"""The budgets every page must stay within (issue « Accessible, light and fast »)."""

COLD_KB = 500
WARM_KB = 50
REQUESTS = 25
DOM_ELEMENTS = 1000
ECOINDEX_GRADES = ("A", "B")
AXE_IMPACTS = ("serious", "critical")
LIGHTHOUSE_MINIMUMS = {"performance": 90, "accessibility": 95, "best-practices": 95, "seo": 95}
# Fingerprinted static files must be cacheable for at least a year.
STATIC_MAX_AGE_S = 365 * 24 * 3600
# Text responses smaller than this gain nothing from compression.
COMPRESSIBLE_BYTES = 1024
