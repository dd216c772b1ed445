import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plpbk.settings")
application = get_wsgi_application()
# the URLconf and every view module, loaded once here rather than by the first request
get_resolver().url_patterns  # noqa: B018
# What is loaded by now lives as long as the process: moved out of the garbage collector's
# generations, a request's garbage is collected without walking Django, the apps and their
# modules again each time (and a prefork server's workers share those pages unwritten).
gc.freeze()
