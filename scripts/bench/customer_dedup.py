"""Benchmark 3 of issue 5: duplicate detection and merge.

Generates customers (realistic Turkish names: a first name, sometimes a
second one, and a surname, drawn with common names much more frequent; a
city each) with injected duplicates:
  * key slice (--groups): same e-mail in another case or same phone in
    another format, name with a typo or in capitals, no city;
  * name-only slice (--name-only, default groups / 10): no key at all, the
    same city, the name in capitals with odd spacing, in another word order,
    with Turkish letters, or with a letter missing;
plus traps: people sharing a phone with other names, namesakes in other
cities with their own e-mail and phone. Then:
  * detection: wall time of the key pass, of the similar-names pass and of
    the whole detection (groups created); precision and recall per slice;
  * merge: our set-based merge of --merge groups vs Odoo's partner merge
    wizard (base.partner.merge.automatic.wizard._merge) on as many other
    groups, same run.

Usage:  .venv/bin/python scripts/bench/customer_dedup.py [--rows 200000] [--groups 10000] [--name-only 1000]
            [--merge 200] [--db NAME] [--keep-db]
"""

import os
import sys

ROOT = os.environ.get("CXM_BENCH_ROOT") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _arg(name, default):
    argv = sys.argv if "env" not in globals() else os.environ.get("CXM_BENCH_ARGS", "").split()
    return type(default)(argv[argv.index(name) + 1]) if name in argv else default


def _result(*args, **kwargs):
    """The machine-readable result line of scripts/bench/all (from inside the Odoo shell)."""
    sys.path.insert(0, os.path.join(ROOT, "scripts", "bench"))
    import benchlib

    benchlib.result(*args, **kwargs)


def bootstrap():
    import benchlib

    benchlib.run_self_in_shell(__file__, "cxm_bench_dedup", "cxm_customer_data")


FIRST = (
    "Mehmet Mustafa Ahmet Ali Huseyin Hasan Ibrahim Ismail Osman Yusuf Murat Omer Ramazan Halil Suleyman Abdullah "
    "Mahmut Recep Salih Kemal Hakan Orhan Serkan Emre Cem Burak Onur Volkan Tolga Sinan Fatma Ayse Emine Hatice "
    "Zeynep Elif Meryem Sultan Zehra Hanife Merve Esra Ozlem Yasemin Leyla Derya Gulsen Seda Tugba Burcu Ebru Sibel "
    "Pinar Gamze Dilek Selin Ecrin Irem Gizem Cansu"
).split()
LAST = (
    "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan Kilic Aslan Cetin Kara Koc "
    "Kurt Ozkan Simsek Polat Ozcan Korkmaz Cakir Erdogan Yavuz Can Acar Sen Akturk Gunes Aksoy Tekin Ucar Bulut "
    "Erdem Keskin Unal Gul Kocak Tas Karatas Aktas Bozkurt Isik Coskun Yuksel Kaplan Guler Ates Bayram Akin "
    "Karakaya Tunc Uysal Sari Toprak Ceylan Ekinci Altun Oral Kalkan Turan Durmaz Demirci Avci Gok Akbulut Cinar "
    "Tuncer Bilgin Yalcin Guven Ozer Karaca Kose Tuna Albayrak Hancer Cengiz Dursun"
).split()
CITIES = (
    "Istanbul Istanbul Istanbul Istanbul Ankara Ankara Izmir Izmir Bursa Antalya Konya Adana Gaziantep Sanliurfa "
    "Kocaeli Mersin Diyarbakir Hatay Manisa Kayseri Samsun Balikesir Kahramanmaras Van Aydin Denizli Sakarya "
    "Tekirdag Mugla Eskisehir Trabzon Malatya Erzurum Ordu Afyonkarahisar"
).split()
TURKISH = str.maketrans({"s": "ş", "c": "ç", "g": "ğ", "u": "ü", "o": "ö", "i": "ı", "I": "İ"})


def _name(rng):
    """A name drawn with the first names and surnames early in the lists much more frequent."""

    def pick(pool):
        return pool[min(len(pool) - 1, int(len(pool) * rng.random() ** 1.5))]

    if rng.random() < 0.3:
        return f"{pick(FIRST)} {pick(FIRST)} {pick(LAST)}"
    return f"{pick(FIRST)} {pick(LAST)}"


def _variant(name, n):
    """The same name as another clerk would type it."""
    kind = n % 4
    if kind == 3:
        longest = max(name.split(), key=len)
        if len(longest) >= 7:
            cut = len(longest) // 2
            return name.replace(longest, longest[:cut] + longest[cut + 1 :])
        kind = 0
    if kind == 0:
        return "  " + name.upper().replace(" ", "  ") + " "
    if kind == 1:
        words = name.split()
        return " ".join(words[-1:] + words[:-1])
    return name.translate(TURKISH)


def run(env):
    import random
    import time

    total, groups, merge_n = _arg("--rows", 200000), _arg("--groups", 10000), _arg("--merge", 200)
    name_only = _arg("--name-only", groups // 10)
    rng = random.Random(7)
    cr = env.cr
    company = env.company
    company.write({"country_id": env.ref("base.tr").id, "cxm_phone_region_id": env.ref("base.tr").id})
    pipeline = env["cxm.customer.pipeline"]
    Identity = env["cxm.partner.identity"]
    start = time.perf_counter()
    originals = [
        {
            "name": _name(rng),
            "email": f"customer{i}@example.com",
            "phone": f"+9053{i % 10}{1000000 + i // 10:07d}",
            "city": rng.choice(CITIES),
        }
        for i in range(total - groups - name_only - 2 * (groups // 10))
    ]
    ids = []
    for offset in range(0, len(originals), 5000):
        chunk = pipeline._insert_partners(originals[offset : offset + 5000], company)
        env.flush_all()
        Identity._cxm_sync_partners(chunk)
        ids += chunk
        cr.commit()
        env.invalidate_all()
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
    name_vals, name_of = [], []
    for n in range(name_only):
        i = rng.randrange(len(originals))
        name_vals.append({"name": _variant(originals[i]["name"], n), "city": originals[i]["city"].upper()})
        name_of.append(ids[i])
    traps = [
        {"name": f"Other Person {t}", "phone": originals[rng.randrange(len(originals))]["phone"]}
        for t in range(groups // 10)
    ]
    for t in range(groups // 10):
        original = originals[rng.randrange(len(originals))]
        city = rng.choice([city for city in CITIES if city != original["city"]])
        traps.append(
            {"name": original["name"], "city": city, "email": f"namesake{t}@example.com", "phone": f"+90542{t:07d}"}
        )
    dup_ids = pipeline._insert_partners(dup_vals, company)
    name_ids = pipeline._insert_partners(name_vals, company)
    trap_ids = pipeline._insert_partners(traps, company)
    env.flush_all()
    Identity._cxm_sync_partners(dup_ids + name_ids + trap_ids)
    cr.commit()
    cr.execute("ANALYZE res_partner, cxm_partner_identity")  # as autovacuum would after a load
    # every injected duplicate belongs to its original's cluster; any pair inside a cluster is a true duplicate
    cluster = {}
    for dup_id, original_id in (*zip(dup_ids, dup_of, strict=True), *zip(name_ids, name_of, strict=True)):
        cluster[dup_id] = cluster[original_id] = original_id
    key_expected = {tuple(sorted(p)) for p in zip(dup_ids, dup_of, strict=True)}
    name_expected = {tuple(sorted(p)) for p in zip(name_ids, name_of, strict=True)}
    # a name-only duplicate can only be told apart when no namesake lives in the same city
    namesakes = {}
    for vals in (*originals, *traps):
        if vals.get("city"):
            block = (" ".join(sorted(vals["name"].lower().split())), vals["city"].lower())
            namesakes[block] = namesakes.get(block, 0) + 1
    by_id = dict(zip(ids, originals, strict=True))
    name_distinct = {
        pair
        for pair, original_id in zip(
            (tuple(sorted(p)) for p in zip(name_ids, name_of, strict=True)), name_of, strict=True
        )
        if namesakes[(" ".join(sorted(by_id[original_id]["name"].lower().split())), by_id[original_id]["city"].lower())]
        == 1
    }
    print(
        f"generated {total} customers ({groups} injected key duplicates, {name_only} name-only duplicates, "
        f"{len(traps)} traps) in {time.perf_counter() - start:.1f} s",
        flush=True,
    )

    def true_pair(pair):
        return pair[0] in cluster and cluster[pair[0]] == cluster.get(pair[1])

    Group = env["cxm.duplicate.group"]
    start = time.perf_counter()
    key_pairs = Group._cxm_key_pairs(company.ids)
    key_s = time.perf_counter() - start
    start = time.perf_counter()
    threshold = Group._cxm_name_threshold()
    name_pairs = Group._cxm_name_pairs(company.ids, threshold)
    name_s = time.perf_counter() - start
    cr.rollback()
    key_true = sum(1 for pair in key_pairs if true_pair(pair))
    print(
        f"key pass    : {key_s:8.2f} s  {len(key_pairs)} pairs, precision {key_true / max(len(key_pairs), 1):.3f}, "
        f"recall {len(key_expected & set(key_pairs)) / len(key_expected):.3f} (pairs of this pass alone)",
        flush=True,
    )
    print(
        f"names pass  : {name_s:8.2f} s  {len(name_pairs)} pairs (similarity >= {threshold}), precision "
        f"{sum(1 for pair in name_pairs if true_pair(pair)) / max(len(name_pairs), 1):.3f}",
        flush=True,
    )
    start = time.perf_counter()
    found_groups = Group._cxm_detect([company.id])
    cr.commit()
    detect_s = time.perf_counter() - start
    print(f"detection   : {detect_s:8.2f} s  {len(found_groups)} groups created (both passes)", flush=True)

    def pairs_of(groups_):
        found = set()
        for group in groups_:
            members = sorted(group.partner_ids.ids)
            found.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
        return found

    all_found = pairs_of(found_groups)
    key_recall = len(key_expected & all_found) / len(key_expected) if key_expected else 0.0
    for kind, expected in (("key", key_expected), ("name", name_expected)):
        found = pairs_of(found_groups.filtered(lambda g, kind=kind: g.match_kind == kind))
        precision = sum(map(true_pair, found)) / len(found) if found else 0.0
        recall = len(expected & all_found) / len(expected) if expected else 0.0
        target = "(targets: recall >= 0.98, precision >= 0.95)" if kind == "key" else "(no target in the issue)"
        print(
            f"  {kind:4} groups: {len(found):6} pairs, precision {precision:.3f}; injected {len(expected):6}, "
            f"recall {recall:.3f}  {target}",
            flush=True,
        )
    print(
        f"  name-only duplicates without a namesake in their city: {len(name_distinct)}, recall "
        f"{len(name_distinct & all_found) / max(len(name_distinct), 1):.3f}",
        flush=True,
    )

    good = [g for g in found_groups if len(g.partner_ids) == 2 and true_pair(tuple(sorted(g.partner_ids.ids)))]
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
    per_ours, per_stock = 1000 * ours_s / max(len(ours), 1), 1000 * stock_s / max(len(stock), 1)
    _result(
        "duplicate merge: set-based vs Odoo's merge wizard",
        "ms per group",
        per_ours,
        stock=per_stock,
        ratio=per_stock / per_ours,
        target=20,
        note="stock/ours",
    )
    _result(
        f"duplicate detection on {total} customers: key recall",
        "s",
        detect_s,
        ratio=key_recall,
        target=0.98,
        note="ratio = recall of injected key duplicates",
    )


if "env" in globals():
    run(env)  # noqa: F821
else:
    bootstrap()
