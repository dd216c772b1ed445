"""Common start of a bench script: a PostgreSQL database of its own, migrated."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/plpbk_bench"


def setup(default_url: str = DEFAULT_URL) -> str:
    os.environ.setdefault("DEBUG", "1")
    url = os.environ.setdefault("DATABASE_URL", default_url)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plpbk.settings")
    if url.startswith("postgres"):
        name = url.rsplit("/", 1)[1]
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, check=False)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url
