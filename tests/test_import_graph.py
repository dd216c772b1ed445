"""The import graph between the portal's packages has no cycle, and the helpers import no app.

The graph is built from the source (bench/import_graph.py: every module's AST, imports inside
functions included). Print it with ``.venv/bin/python -m bench.import_graph --why``.
"""

import textwrap
import warnings

import pytest

from bench import import_graph


@pytest.fixture(scope="module")
def graph():
    return import_graph.build()


def test_the_portal_packages_are_the_nodes(graph):
    assert set(graph.nodes) >= {
        "kelurahan",
        "lokakarya",
        "sosialisasi",
        "tipp",
        "blm",
        "plpbk",
        "plpbk.dasbor",
        "plpbk.common",
    }
    assert not {"tests", "bench"} & set(graph.nodes)
    # The dashboard reads every app, and every app uses the shared core and the helpers.
    for app in ("lokakarya", "sosialisasi", "tipp", "blm"):
        assert ("plpbk.dasbor", app) in graph.edges
        assert (app, "kelurahan") in graph.edges


def test_no_cycle_between_packages(graph):
    if import_graph.ALLOWED:
        warnings.warn(
            "import graph: edges allowed for now: "
            + "; ".join(f"{a} -> {b} ({why})" for (a, b), why in sorted(import_graph.ALLOWED.items())),
            stacklevel=1,
        )
    found = import_graph.cycles(graph)
    assert not found, import_graph.report(graph, why=True)


def test_helpers_import_no_package_of_the_portal(graph):
    assert not import_graph.common_breaches(graph), import_graph.report(graph, why=True)


def test_the_allow_list_holds_only_edges_that_exist(graph):
    """An allowed edge that is gone must leave the list, so the list only shrinks."""
    assert not import_graph.stale_allowances(graph), import_graph.report(graph)


def write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


@pytest.fixture
def tree(tmp_path):
    write(
        tmp_path,
        {
            "plpbk/__init__.py": "",
            "plpbk/urls.py": "import aplikasi.views\n",
            "plpbk/common/__init__.py": "",
            "plpbk/common/pdf.py": "import django\n",
            "plpbk/dasbor/__init__.py": "",
            "plpbk/dasbor/views.py": "from aplikasi.models import Benda\nfrom ..common import pdf\n",
            "aplikasi/__init__.py": "",
            "aplikasi/models.py": "from plpbk.common.pdf import render\n",
            "aplikasi/views.py": "from .models import Benda\n",
            "tests/__init__.py": "",
            "tests/test_x.py": "import plpbk.dasbor.views\nimport aplikasi\n",
        },
    )
    return tmp_path


def test_checker_reads_a_clean_tree(tree):
    graph = import_graph.build(tree)
    assert graph.nodes == ("aplikasi", "plpbk", "plpbk.dasbor", "plpbk.common")
    assert set(graph.edges) == {
        ("plpbk", "aplikasi"),
        ("plpbk.dasbor", "aplikasi"),
        ("plpbk.dasbor", "plpbk.common"),
        ("aplikasi", "plpbk.common"),
    }
    assert import_graph.cycles(graph, allowed={}) == []
    assert import_graph.common_breaches(graph) == []


def test_checker_finds_a_cycle_through_a_function_level_import(tree):
    write(
        tree,
        {
            "aplikasi/services.py": """
                def hitung():
                    from plpbk.dasbor import views
                    return views
            """
        },
    )
    graph = import_graph.build(tree)
    assert graph.edges[("aplikasi", "plpbk.dasbor")] == ["aplikasi/services.py:3 -> plpbk.dasbor"]
    assert import_graph.cycles(graph, allowed={}) == [["aplikasi", "plpbk.dasbor"]]
    # An allowed edge breaks the cycle, and only an edge that exists may be allowed.
    allowed = {("aplikasi", "plpbk.dasbor"): "being removed"}
    assert import_graph.cycles(graph, allowed=allowed) == []
    assert import_graph.stale_allowances(graph, allowed=allowed) == []
    assert import_graph.stale_allowances(graph, allowed={("plpbk", "plpbk.dasbor"): "gone"}) == [
        ("plpbk", "plpbk.dasbor")
    ]
    assert "aplikasi -> plpbk.dasbor: being removed" in import_graph.report(graph, allowed=allowed)


def test_checker_finds_helpers_importing_an_app_relatively_or_by_name(tree):
    write(
        tree,
        {
            "plpbk/common/xlsx.py": "from .. import dasbor\n",
            "plpbk/common/uploads.py": """
                import importlib

                def model():
                    return importlib.import_module("aplikasi.models")
            """,
        },
    )
    graph = import_graph.build(tree)
    assert import_graph.common_breaches(graph) == [
        ("plpbk.common", "aplikasi"),
        ("plpbk.common", "plpbk.dasbor"),
    ]
    assert graph.edges[("plpbk.common", "plpbk.dasbor")] == ["plpbk/common/xlsx.py:1 -> plpbk.dasbor"]
