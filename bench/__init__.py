"""Performance benchmark of the dashboard: ``python bench/run.py --help``.

The harness builds a demonstration store in a temporary instance folder, serves the app (and two
small comparison apps: a naive full-figure map and a one-chart Dash page) under gunicorn on
loopback, and measures them over HTTP and in headless Chromium. See docs/performance.md.
"""
