"""Translation files of the cxm_* modules: merge, check, list and fill.

Used by scripts/i18n (which exports the terms with Odoo itself) and by
scripts/test (which checks every module against a fresh export).

    i18n_tool.py merge MODULE_DIR...            tr.po follows the module's .pot
    i18n_tool.py check MODULE_DIR... [--exported DIR]
    i18n_tool.py todo MODULE_DIR                untranslated msgids as JSON
    i18n_tool.py fill MODULE_DIR FILE.json      msgid -> Turkish into tr.po
    i18n_tool.py count MODULE_DIR...            terms per module
"""

import json
import os
import re
import sys
from pathlib import Path

import polib

LANG = os.environ.get("CXM_I18N_LANG", "tr")  # the language whose <lang>.po files are kept
HEADER = {
    "Project-Id-Version": "Odoo Server 19.0",
    "Report-Msgid-Bugs-To": "",
    "Last-Translator": "CXM for Odoo maintainers",
    "Language-Team": "Turkish",
    "Language": LANG,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}
# %(name)s, %s, %d, %r and Odoo's {{ }} / {name} placeholders of JS (_t(..., {name}))
PLACEHOLDER = re.compile(r"%\([A-Za-z0-9_]+\)[sdrf]|%[sdrf]|\{\{[^}]*\}\}|\{[A-Za-z0-9_]+\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")


def _paths(module_dir):
    module_dir = Path(module_dir)
    name = module_dir.name
    return name, module_dir / "i18n" / f"{name}.pot", module_dir / "i18n" / f"{LANG}.po"


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


def merge(module_dir):
    name, pot_path, po_path = _paths(module_dir)
    pot = polib.pofile(str(pot_path), wrapwidth=78)
    old = {}
    if po_path.exists():
        old = {_key(e): e for e in polib.pofile(str(po_path)) if not e.obsolete}
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(HEADER)
    po.header = pot.header
    kept = 0
    for entry in pot:
        new = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr="",
            occurrences=entry.occurrences,
            comment=entry.comment,
            tcomment=entry.tcomment,
            flags=[f for f in entry.flags if f != "fuzzy"],
        )
        previous = old.get(_key(entry))
        if previous and previous.msgstr and "fuzzy" not in previous.flags:
            new.msgstr = previous.msgstr
            kept += 1
        po.append(new)
    po.save(str(po_path))
    print(f"{name}: {len(pot)} terms, {kept} translated, {len(pot) - kept} to translate")


def _placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def _tags(text):
    return sorted(t.lower() for t in TAG.findall(text))


def problems(module_dir, exported=None):
    name, pot_path, po_path = _paths(module_dir)
    found = []
    if not pot_path.exists():
        return [f"{name}: i18n/{name}.pot is missing (run scripts/i18n export {name})"]
    pot = polib.pofile(str(pot_path))
    pot_keys = {_key(e) for e in pot}
    if exported is not None:
        fresh_path = Path(exported) / f"{name}.pot"
        if not fresh_path.exists():
            found.append(f"{name}: Odoo exported no terms, but i18n/{name}.pot exists")
        else:
            fresh_keys = {_key(e) for e in polib.pofile(str(fresh_path))}
            for _ctx, msgid in sorted(fresh_keys - pot_keys)[:10]:
                found.append(f"{name}: term missing from the .pot (export again): {msgid[:70]!r}")
            for _ctx, msgid in sorted(pot_keys - fresh_keys)[:10]:
                found.append(f"{name}: stale term in the .pot (export again): {msgid[:70]!r}")
    if not po_path.exists():
        found.append(f"{name}: i18n/{LANG}.po is missing")
        return found
    po = polib.pofile(str(po_path))
    po_entries = {_key(e): e for e in po if not e.obsolete}
    for key in sorted(pot_keys - po_entries.keys())[:10]:
        found.append(f"{name}: {LANG}.po lacks {key[1][:70]!r} (run scripts/i18n export {name})")
    for key in sorted(po_entries.keys() - pot_keys)[:10]:
        found.append(f"{name}: {LANG}.po has a term the .pot lacks: {key[1][:70]!r}")
    for key, entry in po_entries.items():
        if key not in pot_keys:
            continue
        short = entry.msgid[:70]
        if not entry.msgstr:
            found.append(f"{name}: untranslated: {short!r}")
        elif "fuzzy" in entry.flags:
            found.append(f"{name}: fuzzy: {short!r}")
        elif _placeholders(entry.msgid) != _placeholders(entry.msgstr):
            found.append(f"{name}: placeholders differ: {short!r} -> {entry.msgstr[:70]!r}")
        elif _tags(entry.msgid) != _tags(entry.msgstr):
            found.append(f"{name}: markup differs: {short!r} -> {entry.msgstr[:70]!r}")
    return found


def check(module_dirs, exported=None):
    bad = []
    modules_bad = 0
    for module_dir in module_dirs:
        found = problems(module_dir, exported)
        modules_bad += bool(found)
        bad.extend(found)
    for line in bad[:200]:
        print(line)
    if len(bad) > 200:
        print(f"... and {len(bad) - 200} more")
    print(f"translations: {len(module_dirs) - modules_bad} modules complete, {modules_bad} not ({len(bad)} problems)")
    return 1 if bad else 0


def todo(module_dir):
    _name, _pot, po_path = _paths(module_dir)
    po = polib.pofile(str(po_path))
    missing = {e.msgid: "" for e in po if not e.obsolete and (not e.msgstr or "fuzzy" in e.flags)}
    json.dump(missing, sys.stdout, ensure_ascii=False, indent=1)
    print()


def fill(module_dir, json_path):
    name, _pot, po_path = _paths(module_dir)
    table = json.loads(Path(json_path).read_text(encoding="utf-8"))
    po = polib.pofile(str(po_path), wrapwidth=78)
    filled = 0
    for entry in po:
        text = table.get(entry.msgid)
        if text:
            entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save(str(po_path))
    left = sum(1 for e in po if not e.obsolete and not e.msgstr)
    print(f"{name}: {filled} filled, {left} left")


def count(module_dirs):
    for module_dir in module_dirs:
        name, pot_path, po_path = _paths(module_dir)
        total = len(polib.pofile(str(pot_path))) if pot_path.exists() else 0
        done = 0
        if po_path.exists():
            done = sum(1 for e in polib.pofile(str(po_path)) if e.msgstr and "fuzzy" not in e.flags)
        print(f"{name}\t{total}\t{done}")


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    command, args = argv[1], argv[2:]
    if command == "merge":
        for module_dir in args:
            merge(module_dir)
        return 0
    if command == "check":
        exported = None
        if "--exported" in args:
            at = args.index("--exported")
            exported = args[at + 1]
            args = args[:at] + args[at + 2 :]
        return check(args, exported)
    if command == "todo":
        todo(args[0])
        return 0
    if command == "fill":
        fill(args[0], args[1])
        return 0
    if command == "count":
        count(args)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
