"""Benchmark 3 of issue 5: duplicate detection and merge.

Generates customers with injected duplicate groups (same e-mail in another
case, same phone in another format or same national id, name with a typo)
plus traps (people sharing a phone with different names), then:
  * detection: wall time, precision and recall against the injected groups;
  * merge: our set-based merge of --merge groups vs Odoo's partner merge
    wizard (base.partner.merge.automatic.wizard._merge) on as many other
    groups, same run.

Usage:  .venv/bin/python scripts/bench/customer_dedup.py [--rows 200000] [--groups 10000] [--merge 200]
            [--db NAME] [--keep-db]
"""

import os
import sys

ROOT = os.environ.get("CXM_BENCH_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _arg(name, default):
    argv = sys.argv if "env" not in globals() else os.environ.get("CXM_BENCH_ARGS", "").split()
    return type(default)(argv[argv.index(name) + 1]) if name in argv else default


def bootstrap():
    import benchlib

    benchlib.run_self_in_shell(__file__, "cxm_bench_dedup", "cxm_customer_data")


def run(env):
    import random
    import time

    total, groups, merge_n = _arg("--rows", 200000), _arg("--groups", 10000), _arg("--merge", 200)
    rng = random.Random(7)
    cr = env.cr
    company = env.company
    company.write({"country_id": env.ref("base.tr").id, "cxm_phone_region_id": env.ref("base.tr").id})
    pipeline = env["cxm.customer.pipeline"]
    Identity = env["cxm.partner.identity"]
    first = ["Ayse", "Mehmet", "Fatma", "Mustafa", "Emine", "Ahmet", "Hatice", "Ali", "Zeynep", "Elif"]
    last = ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk", "Arslan", "Dogan"]
    start = time.perf_counter()
    originals = [
        {
            "name": f"{first[i % 10]} {last[(i // 10) % 10]} {i}",
            "email": f"customer{i}@example.com",
            "phone": f"+9053{i % 10}{1000000 + i // 10:07d}",
        }
        for i in range(total - groups)
    ]
    ids = []
    for offset in range(0, len(originals), 5000):
        chunk = pipeline._insert_partners(originals[offset : offset + 5000], company)
        env.flush_all()
        Identity._cxm_sync_partners(chunk)
        ids += chunk
        cr.commit()
        env.invalidate_all()
    expected = set()
    dup_vals, dup_of = [], []
    for g in range(groups):
        i = rng.randrange(len(originals))
        original = originals[i]
        name = original["name"]
        cut = rng.randrange(1, len(name) - 1)
        vals = {"name": name[:cut] + name[cut + 1 :] if g % 2 else name.upper()}
        if g % 3 == 0:
            vals["email"] = original["email"].upper()
        else:
            vals["phone"] = "0" + original["phone"][3:]
        dup_vals.append(vals)
        dup_of.append(ids[i])
    traps = [
        {"name": f"Other Person {t}", "phone": originals[rng.randrange(len(originals))]["phone"]}
        for t in range(groups // 10)
    ]
    dup_ids = pipeline._insert_partners(dup_vals, company)
    trap_ids = pipeline._insert_partners(traps, company)
    env.flush_all()
    Identity._cxm_sync_partners(dup_ids + trap_ids)
    cr.commit()
    for dup_id, original_id in zip(dup_ids, dup_of, strict=True):
        expected.add((original_id, dup_id))
    print(
        f"generated {total} customers ({groups} injected duplicates, {len(traps)} traps) in "
        f"{time.perf_counter() - start:.1f} s",
        flush=True,
    )

    start = time.perf_counter()
    found_groups = env["cxm.duplicate.group"]._cxm_detect([company.id])
    cr.commit()
    detect_s = time.perf_counter() - start
    found_pairs = set()
    for group in found_groups:
        members = sorted(group.partner_ids.ids)
        found_pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
    expected_pairs = {tuple(sorted(p)) for p in expected}
    # an original picked twice makes a 3-member group: its dup-dup pair is also a true duplicate
    by_original = {}
    for original_id, dup_id in expected:
        by_original.setdefault(original_id, []).append(dup_id)
    for dups in by_original.values():
        expected_pairs.update(tuple(sorted((a, b))) for n, a in enumerate(dups) for b in dups[n + 1 :])
    tp = len(found_pairs & expected_pairs)
    precision = tp / len(found_pairs) if found_pairs else 0.0
    recall = tp / len(expected_pairs)
    print(
        f"detection   : {detect_s:8.2f} s  {len(found_groups)} groups, precision {precision:.3f}, "
        f"recall {recall:.3f}  (targets: recall >= 0.98, precision >= 0.95)",
        flush=True,
    )

    good = [g for g in found_groups if len(g.partner_ids) == 2 and tuple(sorted(g.partner_ids.ids)) in expected_pairs]
    ours, stock = good[:merge_n], good[merge_n : 2 * merge_n]
    start = time.perf_counter()
    env["cxm.merge.log"]._cxm_merge_groups([(g.master_id, g.partner_ids - g.master_id) for g in ours])
    env.flush_all()
    cr.commit()
    ours_s = time.perf_counter() - start
    wizard = env["base.partner.merge.automatic.wizard"]
    start = time.perf_counter()
    for group in stock:
        wizard._merge(group.partner_ids.ids, group.master_id, extra_checks=False)
    env.flush_all()
    cr.commit()
    stock_s = time.perf_counter() - start
    print(f"merge ours  : {ours_s:8.2f} s for {len(ours)} groups ({1000 * ours_s / max(len(ours), 1):.1f} ms/group)")
    print(
        f"merge stock : {stock_s:8.2f} s for {len(stock)} groups ({1000 * stock_s / max(len(stock), 1):.1f} ms/group)"
    )
    print(f"ratio       : {stock_s / ours_s * len(ours) / max(len(stock), 1):6.1f}x faster (target >= 20x)")


if "env" in globals():
    run(env)  # noqa: F821
else:
    bootstrap()
