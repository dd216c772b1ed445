"""The database triggers that mark the dashboard's summary (plpbk.dasbor.ringkasan.SUMBER).

Every INSERT, UPDATE and DELETE of a row the dashboard counts adds a `PerubahanRingkasan` row
(table plpbk_perubahanringkasan) for the region the row is recorded in, inside the writing
statement: a model's save, a queryset `update()`, `bulk_create`/`bulk_update`, raw SQL and
data migrations alike. An UPDATE marks the region before and the region after (once when they
are the same). A region reached through a join (an activity → its plan → wilayah) is read by a
subquery at the time of the write.

The migrations call `pasang`/`lepas` with a frozen copy of the declaration (`beku`'s output,
plain table and column names), so what they create does not move when the models do. Keep
these functions compatible with the frozen lists of earlier migrations; imports no app.

A frozen entry is a dict:
- {"tabel": T, "jalur": [[column, joined table, its column], ...], "kode": C}: a row of T is
  recorded in the region whose code is column C of the row reached from it through the joins
  (no joins: C of the row itself);
- {"tabel": T, "semua": S, "jalur": [...], "kode": C, "kosong": N}: any change of T touches
  every region of the rows of S whose column N is NULL (e.g. the inclusion targets judge every
  rembug warga not yet closed).
"""

from __future__ import annotations

from dataclasses import dataclass

TABEL_TANDA = "plpbk_perubahanringkasan"


@dataclass(frozen=True)
class Sumber:
    """A model the dashboard counts and the lookup path from one of its rows to the region code
    (`"wilayah_id"`, `"pertemuan__wilayah_id"`). With `semua`: a change of `model` touches the
    region (path `kode`, from `semua`) of every row of `semua` whose field `kosong` is empty."""

    model: type
    kode: str
    semua: type | None = None
    kosong: str | None = None


def _jalur(model, path: str) -> tuple[list[list[str]], str]:
    """Joins (column, table, column) and the final column of a lookup path like a__b__c_id."""
    parts = path.split("__")
    joins = []
    for part in parts[:-1]:
        field = model._meta.get_field(part)
        target = field.related_model
        joins.append([field.column, target._meta.db_table, field.target_field.column])
        model = target
    return joins, model._meta.get_field(parts[-1]).column


def beku(sumber: list[Sumber]) -> list[dict]:
    """The declaration as plain table and column names: what a migration keeps a copy of."""
    out = []
    for s in sumber:
        if s.semua is None:
            joins, kode = _jalur(s.model, s.kode)
            out.append({"tabel": s.model._meta.db_table, "jalur": joins, "kode": kode})
        else:
            joins, kode = _jalur(s.semua, s.kode)
            out.append(
                {
                    "tabel": s.model._meta.db_table,
                    "semua": s.semua._meta.db_table,
                    "jalur": joins,
                    "kode": kode,
                    "kosong": s.semua._meta.get_field(s.kosong).column,
                }
            )
    return out


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _kode_select(entry: dict, row: str) -> str:
    """SELECT of the region codes a change touches; `row` is NEW or OLD."""
    if "semua" in entry:
        start, frm, where = "t0", [f"{_q(entry['semua'])} t0"], [f"t0.{_q(entry['kosong'])} IS NULL"]
    else:
        start, frm, where = row, [], []
    prev = start
    for i, (column, table, target) in enumerate(entry["jalur"], 1):
        frm.append(f"{_q(table)} t{i}")
        where.append(f"t{i}.{_q(target)} = {prev}.{_q(column)}")
        prev = f"t{i}"
    sql = f"SELECT {prev}.{_q(entry['kode'])} AS kode"
    if frm:
        sql += " FROM " + ", ".join(frm)
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql


def _insert(entry: dict, rows: list[str]) -> str:
    union = " UNION ".join(_kode_select(entry, r) for r in rows)
    # table and column names from the models' metadata, quoted; no value is interpolated
    return f"INSERT INTO {_q(TABEL_TANDA)} (kode) SELECT DISTINCT x.kode FROM ({union}) x WHERE x.kode IS NOT NULL"  # noqa: S608


#: the rows a statement's trigger reads, per event
BARIS = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"], "DELETE": ["OLD"]}


def nama(entry: dict) -> str:
    return f"plpbk_tanda_{entry['tabel']}"


def sql_pasang(vendor: str, entry: dict) -> list[str]:
    """Statements creating the triggers of one counted table (replacing any of the same name)."""
    tabel, name = _q(entry["tabel"]), nama(entry)
    if vendor == "postgresql":
        body = "\n".join(
            f"  IF TG_OP = '{event}' THEN {_insert(entry, rows)}; END IF;" for event, rows in BARIS.items()
        )
        return [
            f"CREATE OR REPLACE FUNCTION {_q(name)}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
            f"{body}\n  RETURN NULL;\nEND $$",
            f"DROP TRIGGER IF EXISTS {_q(name)} ON {tabel}",
            f"CREATE TRIGGER {_q(name)} AFTER INSERT OR UPDATE OR DELETE ON {tabel} "
            f"FOR EACH ROW EXECUTE FUNCTION {_q(name)}()",
        ]
    if vendor == "sqlite":
        out = []
        for event, rows in BARIS.items():
            trigger = _q(f"{name}_{event.lower()}")
            out.append(f"DROP TRIGGER IF EXISTS {trigger}")
            out.append(
                f"CREATE TRIGGER {trigger} AFTER {event} ON {tabel} FOR EACH ROW BEGIN {_insert(entry, rows)}; END"
            )
        return out
    raise NotImplementedError(f"dashboard marks: no triggers for {vendor}")


def sql_lepas(vendor: str, entry: dict) -> list[str]:
    name = nama(entry)
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {_q(name)} ON {_q(entry['tabel'])}", f"DROP FUNCTION IF EXISTS {_q(name)}()"]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {_q(f'{name}_{e.lower()}')}" for e in BARIS]
    raise NotImplementedError(f"dashboard marks: no triggers for {vendor}")


class Penulis:
    """Runs the statements on a connection outside a migration (a migration passes its schema
    editor, which SQLite will not open inside a transaction)."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=None):
        with self.connection.cursor() as cursor:
            cursor.execute(sql)


def pasang(schema_editor, sumber: list[dict]) -> None:
    """Create (or replace) the triggers of every entry of a frozen declaration; `schema_editor`
    is a migration's, or a `Penulis`."""
    for entry in sumber:
        for sql in sql_pasang(schema_editor.connection.vendor, entry):
            schema_editor.execute(sql, params=None)


def lepas(schema_editor, sumber: list[dict]) -> None:
    for entry in sumber:
        for sql in sql_lepas(schema_editor.connection.vendor, entry):
            schema_editor.execute(sql, params=None)


def terpasang(connection) -> set[str]:
    """Names of the mark triggers present in the database (SQLite: one per event)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE %s", ["plpbk_tanda_%"])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", ["plpbk_tanda_%"])
        return {r[0] for r in cursor.fetchall()}


def nama_pemicu(vendor: str, entry: dict) -> set[str]:
    """The trigger names `pasang` creates for `entry`."""
    if vendor == "sqlite":
        return {f"{nama(entry)}_{e.lower()}" for e in BARIS}
    return {nama(entry)}
