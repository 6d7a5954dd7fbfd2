"""The ASGI application of the stream process (`/api/stream/`, stream/views.py).

The rest of the API is served by the WSGI server (config/wsgi.py); this process could
answer it too, but proxies send it only the stream.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()
