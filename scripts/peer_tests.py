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
Tests whose expectation the suite changes on purpose (scripts/peer-changed-by-design.txt) must fail
with the suite's defaults, then run again with the system parameter that turns that behaviour back to
Odoo's, and must pass: the suite changed that one thing and nothing else.
Writes a JSON summary: passed, failed (ids), known failures that failed / passed, changed-by-design
tests that failed as expected / passed unexpectedly / failed again with stock behaviour.
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


def read_changed_by_design():
    """``{(module, Class.method): (parameter, value)}``"""
    changed = {}
    for raw in (HERE / "peer-changed-by-design.txt").read_text(encoding="utf-8").splitlines():
        parts = raw.partition("#")[0].split()
        if len(parts) == 3:
            parameter, _, value = parts[2].partition("=")
            changed[(parts[0], parts[1])] = (parameter, value)
    return changed


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

    summary = {
        "passed": 0,
        "failed": [],
        "known_failed": [],
        "known_passed": [],
        "by_design_failed": [],
        "by_design_passed": [],
        "by_design_stock_failed": [],
        "missing": [],
        "run": 0,
    }

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

    at_install, post_install = TagsSelector("at_install"), TagsSelector("post_install")

    def select(module, files, standard):
        found = []
        for test_module in loader.get_test_modules(module):
            if files and test_module.__name__.rsplit(".", 1)[-1] not in files:
                continue
            found += [t for t in loader.get_module_test_cases(test_module) if standard.check(t)]
        return found

    def case_id(test):
        return getattr(test, "test_case", test).id()

    assets_ready = []

    def run(registry, tests):
        by_seq = lambda t: getattr(t, "test_sequence", 0)  # noqa: E731
        suite = OdooSuite(
            sorted((t for t in tests if at_install.check(t)), key=by_seq)
            + sorted((t for t in tests if post_install.check(t) and not at_install.check(t)), key=by_seq)
        )
        if suite.has_http_case() and not assets_ready:
            with registry.cursor() as cr:
                api.Environment(cr, api.SUPERUSER_ID, {})["ir.qweb"]._pregenerate_assets_bundles()
            assets_ready.append(True)
        result = Result(global_report=registry._assertion_report)
        odoo_module.current_test = True
        suite(result)
        odoo_module.current_test = False
        return result

    def preload_registries(dbnames):
        db = dbnames[0]
        config["test_enable"] = False  # no at_install test while modules load
        registry = Registry.new(db)
        config["test_enable"] = True
        standard = TagsSelector("standard")
        with registry.cursor() as cr:
            # mass_mailing_sms's placeholder test compares the length of its new mailing's id with that of
            # the next id: it fails whenever its mailing gets id 9, 99 or 999, which depends only on how
            # many mailings this database has seen. Mailing ids start past 10,000 here, far from a boundary.
            cr.execute("SELECT to_regclass('mailing_mailing_id_seq') IS NOT NULL")
            if cr.fetchone()[0]:
                cr.execute(
                    "SELECT setval('mailing_mailing_id_seq', GREATEST(10000, last_value)) FROM mailing_mailing_id_seq"
                )
        tests = []
        for module, files in read_selection():
            if module not in registry._init_modules:
                summary["missing"].append(module)
                continue
            tests += select(module, files, standard)
        result = run(registry, tests)
        known, changed = read_known_failures(), read_changed_by_design()
        again = {}
        for test_id in dict.fromkeys(result.started):
            key, design = known_key(test_id, known), known_key(test_id, changed)
            if key:
                summary["known_failed" if test_id in result.bad else "known_passed"].append(test_id)
            elif design:
                summary["by_design_failed" if test_id in result.bad else "by_design_passed"].append(test_id)
                again.setdefault(changed[design], set()).add(test_id)
            elif test_id in result.bad:
                summary["failed"].append(test_id)
            else:
                summary["passed"] += 1
        # the same tests with the behaviour the suite changes set back to Odoo's: they must pass
        for (parameter, value), test_ids in again.items():
            with registry.cursor() as cr:
                Param = api.Environment(cr, api.SUPERUSER_ID, {})["ir.config_parameter"]
                before = Param.get_param(parameter)
                Param.set_param(parameter, value)
            try:
                modules = {test_id.split(".")[2] for test_id in test_ids}
                cases = [t for m in modules for t in select(m, set(), standard) if case_id(t) in test_ids]
                stock = run(registry, cases)
                # a test that did not run again counts as failed: the check must not pass unseen
                summary["by_design_stock_failed"] += sorted(test_ids & stock.bad | test_ids - set(stock.started))
            finally:
                with registry.cursor() as cr:
                    api.Environment(cr, api.SUPERUSER_ID, {})["ir.config_parameter"].set_param(parameter, before)
        summary["run"] = len(set(result.started))
        pathlib.Path(summary_path).write_text(json.dumps(summary, indent=1), encoding="utf-8")
        return 0

    server.preload_registries = preload_registries
    sys.argv = ["odoo", *odoo_args, "--stop-after-init"]
    from odoo.cli.command import main as odoo_main

    odoo_main()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
