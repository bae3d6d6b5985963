"""The accessibility, eco-design and Lighthouse audit: ``make audit``.

It serves the demo the way production does (DEBUG off, collected and compressed static
files, a real WSGI server), visits every public page type of one portal per theme in
Debian's chromium, and prints one row per page type and theme with every budget. A page
over any budget makes it exit non-zero. Run it with ``python -m tests.audit``; pytest does
not collect it."""
