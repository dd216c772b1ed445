"""The Celery application of the portal.

Settings come from Django's (the `CELERY_` names in plpbk/settings.py); every app declares its
tasks in its own `tasks.py`, found by autodiscovery. With no broker configured
(`CELERY_BROKER_URL`/`REDIS_URL` empty) tasks run in-process, so nothing else needs to run.

    celery -A plpbk worker -l info      # the worker
    celery -A plpbk beat -l info        # the schedule (dashboard recount, new day)
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plpbk.settings")

app = Celery("plpbk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
