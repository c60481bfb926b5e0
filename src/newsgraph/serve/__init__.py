"""`newsgraph serve`: the read API over a store (FastAPI; `pip install 'newsgraph[web]'`).

    from newsgraph.serve import create_app

    app = create_app("news.db")  # an ASGI app; run it with uvicorn
"""

from newsgraph.serve.app import create_app

__all__ = ["create_app"]
