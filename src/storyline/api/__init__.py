"""``storyline serve``: the REST API (OpenAPI at ``/openapi.json``) and the living story page.

app.py      create_app(ServeSettings): routes, limits, lifespan of the background parts
read.py     GET /api/v1/...: the records of storyline.views.records, as the CLI prints them
write.py    POST /api/v1/articles (Bearer token), GET /api/v1/jobs/{id}
pages.py    GET / and /storylines/{id} (the templates of storyline.web), server-sent events
jobs.py     the one background worker: annotate and cluster what the API or --watch stored
live.py     the store's revision (polled) and the cache of pages built at a revision
watch.py    --watch FOLDER: files dropped there are ingested as they arrive
"""

from storyline.api.app import create_app
from storyline.api.settings import ServeSettings

__all__ = ["ServeSettings", "create_app"]
