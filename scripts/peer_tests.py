"""Peer-test launcher: run the own tests of the host modules the suite extends on an
installed database, with the WHOLE registry loaded first.

With ``--test-tags`` on an installed database, Odoo 19 runs a module's at_install
tests while that module loads (odoo/modules/loading.py), before the modules that
depend on it (every cxm_* override) are in the registry: a regression the suite
causes in a host would pass unseen. This launcher loads the registry with tests
off, then runs the selected at_install tests, then the post_install ones, in one
Odoo server process (HTTP up for HttpCase and tours), as Odoo's own runner does.

    .venv/bin/python scripts/peer_tests.py SUMMARY.json -c odoo.conf --addons-path=... -d DB --http-port=N ...

The selection is scripts/peer-tests.txt; the expected failures scripts/peer-known-failures.txt.
Writes a JSON summary: passed, failed (ids), known failures that failed / passed.
Called by scripts/peer-tests.
"""

import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent


def read_selection():
    selection = []
    for raw in (HERE / "peer-tests.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].split()
        if line:
            selection.append((line[0], set(line[1:])))
    return selection


def read_known_failures():
    known = {}
    for raw in (HERE / "peer-known-failures.txt").read_text(encoding="utf-8").splitlines():
        text, _, reason = raw.partition("#")
        parts = text.split()
        if len(parts) == 2:
            known[(parts[0], parts[1])] = reason.strip()
    return known


def known_key(test_id, known):
    for module, name in known:
        if f"odoo.addons.{module}." in test_id and test_id.endswith("." + name):
            return module, name
    return None


def main(summary_path, odoo_args):
    from odoo import api
    from odoo.modules import module as odoo_module
    from odoo.modules.registry import Registry
    from odoo.service import server
    from odoo.tests import loader
    from odoo.tests.result import OdooTestResult
    from odoo.tests.suite import OdooSuite
    from odoo.tests.tag_selector import TagsSelector
    from odoo.tools import config

    summary = {"passed": 0, "failed": [], "known_failed": [], "known_passed": [], "missing": [], "run": 0}

    class Result(OdooTestResult):
        """Odoo's result, keeping the id of every test that failed."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.started, self.bad = [], set()

        def startTest(self, test):
            super().startTest(test)
            self.started.append(test.id())

        def addError(self, test, err):
            super().addError(test, err)
            self.bad.add(getattr(test, "test_case", test).id())

        def addFailure(self, test, err):
            super().addFailure(test, err)
            self.bad.add(getattr(test, "test_case", test).id())

    def preload_registries(dbnames):
        db = dbnames[0]
        config["test_enable"] = False  # no at_install test while modules load
        registry = Registry.new(db)
        config["test_enable"] = True
        standard = TagsSelector("standard")
        at_install, post_install = TagsSelector("at_install"), TagsSelector("post_install")
        tests = []
        for module, files in read_selection():
            if module not in registry._init_modules:
                summary["missing"].append(module)
                continue
            for test_module in loader.get_test_modules(module):
                if files and test_module.__name__.rsplit(".", 1)[-1] not in files:
                    continue
                tests += [t for t in loader.get_module_test_cases(test_module) if standard.check(t)]
        by_seq = lambda t: getattr(t, "test_sequence", 0)  # noqa: E731
        suite = OdooSuite(
            sorted((t for t in tests if at_install.check(t)), key=by_seq)
            + sorted((t for t in tests if post_install.check(t) and not at_install.check(t)), key=by_seq)
        )
        if suite.has_http_case():
            with registry.cursor() as cr:
                api.Environment(cr, api.SUPERUSER_ID, {})["ir.qweb"]._pregenerate_assets_bundles()
        result = Result(global_report=registry._assertion_report)
        odoo_module.current_test = True
        suite(result)
        odoo_module.current_test = False
        known = read_known_failures()
        for test_id in dict.fromkeys(result.started):
            key = known_key(test_id, known)
            if key:
                summary["known_failed" if test_id in result.bad else "known_passed"].append(test_id)
            elif test_id in result.bad:
                summary["failed"].append(test_id)
            else:
                summary["passed"] += 1
        summary["run"] = len(set(result.started))
        pathlib.Path(summary_path).write_text(json.dumps(summary, indent=1), encoding="utf-8")
        return 0

    server.preload_registries = preload_registries
    sys.argv = ["odoo", *odoo_args, "--stop-after-init"]
    from odoo.cli.command import main as odoo_main

    odoo_main()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
