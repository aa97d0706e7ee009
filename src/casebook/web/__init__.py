"""The web application of Casebook: pages and a JSON API for teams, in Korean and English.

    from casebook.web import create_app, seed_demo_users
    app = create_app(book)            # an ASGI app (uvicorn, or Starlette's TestClient)
"""

from casebook.web.app import create_app
from casebook.web.demo import seed_demo_users

__all__ = ["create_app", "seed_demo_users"]
