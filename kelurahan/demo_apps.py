"""The demo as one story told by every app: each installed app's `demo` module, found through
the app registry and run in the order its dependencies declare.

An app takes part by having a `demo.py` with `load(stdout=None)` and `SESUDAH`, the labels of
the apps whose demo must run before it (a story part reads what they made). A demo may also
have `penutup(stdout=None)`, run after every app's `load` (the meetings' lifecycle, which
closes and verifies the meetings all apps recorded). An unknown or circular dependency fails
loudly."""

from __future__ import annotations

import importlib
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def modules() -> list[tuple[str, ModuleType]]:
    """[(app label, demo module)] in the order the story is told: every module after the
    ones it names in `SESUDAH`, otherwise in INSTALLED_APPS order."""
    found: dict[str, ModuleType] = {}
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            found[config.label] = importlib.import_module(f"{config.name}.demo")
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(label: str, chain: tuple[str, ...]) -> None:
        if label in ordered:
            return
        if label in visiting:
            raise ValueError(f"demo dependencies form a cycle: {' -> '.join((*chain, label))}")
        if label not in found:
            raise LookupError(f"demo of {chain[-1]!r} needs {label!r}, which has no demo module")
        visiting.add(label)
        for before in getattr(found[label], "SESUDAH", ()):
            visit(before, (*chain, label))
        visiting.discard(label)
        ordered.append(label)

    for label in found:
        visit(label, ())
    return [(label, found[label]) for label in ordered]


def load_all(stdout=None, penutup: bool = True) -> None:
    """Every app's part of the story, then (unless `penutup` is false) the closing steps."""
    mods = modules()
    for _label, module in mods:
        module.load(stdout=stdout)
        if stdout:
            stdout.write(f"  {module.__name__}: siap")
    if not penutup:
        return
    for label, module in mods:
        if hasattr(module, "penutup"):
            module.penutup(stdout=stdout)
            if stdout:
                stdout.write(f"  {label} (penutup): siap")
