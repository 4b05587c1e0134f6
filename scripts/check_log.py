"""Fail when an Odoo log holds a WARNING, ERROR or CRITICAL line that is not a
known harmless one (scripts/log-allowlist.txt). Test failures are reported by
the test count already; they are listed here too, as any other error."""

import pathlib
import re
import sys

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) ")


def load_allowlist():
    path = pathlib.Path(__file__).with_name("log-allowlist.txt")
    patterns = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        pattern = raw.strip()
        if pattern and not pattern.startswith("#"):
            patterns.append(re.compile(pattern))
    return patterns


def main(paths):
    allow = load_allowlist()
    bad = []
    for path in paths:
        for line in pathlib.Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            if LINE.match(line) and not any(p.search(line) for p in allow):
                bad.append(f"{pathlib.Path(path).name}: {line[:300]}")
    if bad:
        sys.stderr.write(f"[cxm] log check: {len(bad)} unexpected WARNING/ERROR line(s):\n")
        for line in bad[:40]:
            sys.stderr.write(f"  {line}\n")
        return 1
    sys.stderr.write("[cxm] log check: no unexpected WARNING/ERROR line\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
