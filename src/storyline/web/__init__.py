"""The story page's HTML face: Jinja2 templates (autoescaped) and the served page's script.

The static ``storyline page`` file and the page ``storyline serve`` shows render from the
same templates; only the served one carries the small script that keeps it current.
"""
