# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# ruff: noqa: RUF002 - this module is about the letters that look alike
"""The one way the suite compares names and free text: Turkish-aware folding.

Turkish has a dotted and a dotless i (İ/i, I/ı). Python's ``"İ".lower()`` is ``"i̇"`` (with a
combining dot) and PostgreSQL's ``lower()`` under Odoo's C collation folds ASCII letters only, so
neither compares *Yılmaz* with *YILMAZ*. :func:`fold` (Python) and ``cxm_fold(text)`` (SQL, created
by :func:`ensure_sql_fold`) give the same key: Turkish letters mapped to their base letters
(İ/I/ı/i → i, ş → s, ğ → g, ç → c, ö → o, ü → u, â/î/û), other accents removed (by ``unaccent``
in SQL when the extension can be had), lower case, single spaces. Letters of other scripts are kept
as they are: a Cyrillic *а* never folds to a Latin *a*.

Without ``unaccent`` the SQL function still folds the Turkish letters and the Latin-1 accented
letters of its own table; rarer accents (e.g. ``ő``) are then compared as written."""

import logging
import unicodedata

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

SQL_FUNCTION = "cxm_fold"
# Turkish letters first (they must fold before lower(): C-collation lower() leaves them alone),
# then the Latin-1 accents, so that the function is useful without unaccent too
FOLD_FROM = "ıİğĞüÜşŞöÖçÇâÂîÎûÛ" + "àáãäåÀÁÃÄÅèéêëÈÉÊËìíïÌÍÏñÑòóõøÒÓÕØùúÙÚýÿÝ"
FOLD_TO = "iIgGuUsSoOcCaAiIuU" + "aaaaaAAAAAeeeeEEEEiiiIIInNooooOOOOuuUUyyY"
_TABLE = str.maketrans(FOLD_FROM, FOLD_TO)


def fold(text):
    """``text`` as the suite compares it: ``fold("  AYŞE  YILMAZ ") == fold("ayse yilmaz") == "ayse yilmaz"``."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.lower().split())


def ensure_sql_fold(cr):
    """Create or update ``cxm_fold(text)``: IMMUTABLE (so it may serve in indexes), with unaccent
    when the extension exists or can be created (a trusted extension since PostgreSQL 13)."""
    try:
        with cr.savepoint():
            cr.execute("CREATE EXTENSION IF NOT EXISTS unaccent", log_exceptions=False)
    except Exception as exc:  # no unaccent: the Turkish and Latin-1 table still folds
        _logger.info("unaccent extension not available (%s): rare accents are compared as written", exc)
    cr.execute(
        SQL(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
    )
    row = cr.fetchone()
    table = None
    if row:
        # the letters of the table that unaccent does not fold itself (none with PostgreSQL's
        # own rules): translate() is the costly part of the fold (8 µs a name), kept for those only
        schema = SQL.identifier(row[0])
        cr.execute(
            SQL(
                "SELECT string_agg(f, '' ORDER BY n), string_agg(t, '' ORDER BY n)"
                " FROM unnest(string_to_array(%s, NULL), string_to_array(%s, NULL)) WITH ORDINALITY AS x(f, t, n)"
                " WHERE %s.unaccent(%s, f) IS DISTINCT FROM t",
                FOLD_FROM,
                FOLD_TO,
                schema,
                f"{row[0]}.unaccent",
            )
        )
        table = tuple(value or "" for value in cr.fetchone())
    body = fold_body(row[0] if row else None, table)
    cr.execute(
        SQL(
            "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE p.proname = %s AND n.nspname = current_schema()",
            SQL_FUNCTION,
        )
    )
    current = cr.fetchone()
    if not current or current[0] != body:
        cr.execute(
            SQL(
                "CREATE OR REPLACE FUNCTION %s(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %s",
                SQL.identifier(SQL_FUNCTION),
                body,
            )
        )
        if current:  # the fold changed (e.g. unaccent came): indexes on it are rebuilt
            cr.execute(
                SQL(
                    "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE %s",
                    f"%{SQL_FUNCTION}(%",
                )
            )
            for (index,) in cr.fetchall():
                cr.execute(SQL("REINDEX INDEX %s", SQL.identifier(index)))
    return bool(row)


def fold_body(unaccent_schema=None, table=None):
    """SQL body of ``cxm_fold``: with ``unaccent`` of that schema (and a translate() of the
    ``table`` = (from, to) letters it does not fold), or the whole table alone."""
    source, target = table if table is not None else (FOLD_FROM, FOLD_TO)
    folded = f"translate($1, '{source}', '{target}')" if source else "$1"
    if unaccent_schema:
        schema = unaccent_schema.replace('"', '""')
        # the two-argument form with a schema-qualified dictionary does not depend on
        # search_path, so the wrapper may be declared IMMUTABLE
        folded = f'"{schema}".unaccent(\'"{schema}".unaccent\'::regdictionary, {folded})'
    return f" SELECT btrim(regexp_replace(lower({folded}), '\\s+', ' ', 'g')) "


def sql_fold(expression):
    """``cxm_fold(<expression>)`` as an SQL object."""
    return SQL("%s(%s)", SQL.identifier(SQL_FUNCTION), expression)
