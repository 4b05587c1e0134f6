# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import itertools
import logging
import re

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.cxm_base.tools.text_fold import SQL_FUNCTION

_logger = logging.getLogger(__name__)

# minimum name similarity (pg_trgm) for a shared key to mean "same customer"
MIN_SIMILARITY = {"national_id": 0.0, "email": 0.3, "phone": 0.45}
BASE_SCORE = {"national_id": 1.0, "email": 0.8, "phone": 0.6}

# trigram-neighbour pass (customers sharing no key)
NAME_SIMILARITY_PARAM = "cxm_customer_data.name_similarity"
NAME_SIMILARITY_DEFAULT = 0.7
NAME_NEIGHBOURS = 3  # best similar-name pairs kept per customer
COMMON_NAME = 3  # a folded name worn by more customers needs a shared city, company or address
MAX_GROUP_SIZE = 10  # similar names never grow a group beyond this
NAME_BUCKET = 100  # names sharing one spelling variant beyond this are too common to compare
MAX_CANDIDATES = 2_000_000  # name pairs compared by pg_trgm in one detection, at most
# the suite's one folding of names (cxm_base.tools.text_fold): cxm_fold(text)
FOLD_FUNCTION = SQL_FUNCTION


class CxmDuplicatePairs(models.AbstractModel):
    """Which customers look like the same person: pairs sharing a normalised key (scored by name
    similarity), and pairs sharing no key but a similar letter-folded name, corroborated by city,
    company or address. Set-based SQL, never all pairs."""

    _name = "cxm.duplicate.pairs"
    _description = "Duplicate customer pairs"

    @api.model
    def _cxm_name_threshold(self):
        """The configured similarity for the similar-names pass (0 = pass off)."""
        raw = self.env["ir.config_parameter"].sudo().get_param(NAME_SIMILARITY_PARAM)
        if raw in (None, False, ""):
            return NAME_SIMILARITY_DEFAULT
        try:
            value = float(raw)
        except ValueError:
            value = -1
        if value != 0 and not 0.5 <= value <= 1:
            raise UserError(
                self.env._(
                    "System parameter %(param)s must be 0 (similar names not searched) or a similarity between "
                    "0.5 and 1, not %(value)s.",
                    param=NAME_SIMILARITY_PARAM,
                    value=raw,
                )
            )
        return value

    @api.model
    def _cxm_key_pairs(self, company_ids):
        """Pairs of customers sharing a normalised key whose names are similar
        enough for that key: {(id, id): (score, reason, key type)}."""
        cr = self.env.cr
        cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'")
        folded = bool(cr.fetchone())
        name_a = SQL("unaccent(a.name)") if folded else SQL("a.name")
        name_c = SQL("unaccent(c.name)") if folded else SQL("c.name")
        self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
        cr.execute(
            SQL(
                """WITH blocks AS (
                       SELECT i.key_type, i.value, array_agg(DISTINCT i.partner_id) AS ids
                         FROM cxm_partner_identity i
                         JOIN res_partner p ON p.id = i.partner_id AND p.active
                        WHERE i.key_type IN ('national_id', 'email', 'phone')
                          AND (i.company_id IS NULL OR i.company_id = ANY(%(companies)s))
                     GROUP BY i.key_type, i.value
                       HAVING count(DISTINCT i.partner_id) BETWEEN 2 AND 20
                   )
                   SELECT b.key_type, b.value, a.id, c.id, similarity(%(name_a)s, %(name_c)s)
                     FROM blocks b
                     JOIN res_partner a ON a.id = ANY(b.ids)
                     JOIN res_partner c ON c.id = ANY(b.ids) AND c.id > a.id
                    -- a contact and its own company share keys on purpose
                    WHERE a.id IS DISTINCT FROM c.parent_id AND c.id IS DISTINCT FROM a.parent_id
                      AND COALESCE(a.is_company, FALSE) = COALESCE(c.is_company, FALSE)""",
                companies=company_ids,
                name_a=name_a,
                name_c=name_c,
            )
        )
        pairs = {}
        for key_type, value, left, right, similarity in cr.fetchall():
            if similarity < MIN_SIMILARITY[key_type]:
                continue
            score = min(1.0, BASE_SCORE[key_type] + (1 - BASE_SCORE[key_type]) * similarity)
            reason = self.env._("same %(key)s %(value)s", key=key_type.replace("_", " "), value=value)
            best = pairs.get((left, right))
            if not best or best[0] < score:
                pairs[(left, right)] = (score, reason, key_type)
        return pairs

    @api.model
    def _cxm_name_pairs(self, company_ids, threshold):
        """Pairs of customers whose letter-folded names are trigram neighbours
        and that nothing contradicts: {(id, id): (score, reason, "name")}.

        Set-based, never all pairs: the distinct folded names of the scope
        are paired by spelling variants (:meth:`_cxm_name_candidates`) and
        pg_trgm's ``%`` keeps the pairs above the configured similarity
        (``pg_trgm.similarity_threshold``, set for the transaction); then the
        customers of two neighbouring names are joined on a corroborating
        block: the same city (when at most two customers wear that name in
        that city), the same company, the same postcode or street, or both
        names being rare (worn by at most ``COMMON_NAME`` customers).

        Never paired: persons with companies, a contact with its own company,
        different cities, countries or companies (contacts of two companies),
        different national ids or tax ids. Different e-mails (or phones) need
        the same address or company. Each customer keeps its
        ``NAME_NEIGHBOURS`` best pairs."""
        cr = self.env.cr
        cr.execute(SQL("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
        if not cr.fetchone():
            return {}
        fold = SQL.identifier(FOLD_FUNCTION)
        cr.execute(SQL("SELECT current_setting('pg_trgm.similarity_threshold', TRUE)"))
        previous = cr.fetchone()[0] or "0.3"
        cr.execute(SQL("SELECT set_config('pg_trgm.similarity_threshold', %s, TRUE)", str(threshold)))
        cr.execute(SQL("DROP TABLE IF EXISTS cxm_dedup_scope, cxm_dedup_names, cxm_dedup_edges"))
        cr.execute(
            SQL(
                """CREATE TEMP TABLE cxm_dedup_scope ON COMMIT DROP AS
                   SELECT s.*, count(*) OVER (PARTITION BY s.fname, s.city) AS in_city
                     FROM (SELECT p.id, %(fold)s(p.name) AS fname, COALESCE(p.is_company, FALSE) AS is_company,
                                  p.parent_id, p.commercial_partner_id, p.country_id,
                                  COALESCE(%(fold)s(p.city), '') AS city, COALESCE(btrim(p.zip), '') AS zip,
                                  COALESCE(%(fold)s(p.street), '') AS street
                             FROM res_partner p
                            WHERE p.active AND p.type = 'contact'
                              AND (p.company_id IS NULL OR p.company_id = ANY(%(companies)s))
                              -- colleagues (users' own partners) are no customer duplicates by name
                              AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id)) s
                    WHERE length(s.fname) >= 3""",
                fold=fold,
                companies=company_ids,
            )
        )
        cr.execute(
            SQL(
                """CREATE TEMP TABLE cxm_dedup_names ON COMMIT DROP AS
                   SELECT fname, count(*) AS n FROM cxm_dedup_scope GROUP BY fname;
                   CREATE INDEX ON cxm_dedup_scope (fname);
                   ANALYZE cxm_dedup_scope;
                   SELECT fname FROM cxm_dedup_names"""
            )
        )
        left_names, right_names = self._cxm_name_candidates([row[0] for row in cr.fetchall()])
        # pg_trgm decides: % (similarity above pg_trgm.similarity_threshold) on the candidate pairs
        cr.execute(
            SQL(
                """CREATE TEMP TABLE cxm_dedup_edges ON COMMIT DROP AS
                   SELECT a.fname AS f1, a.fname AS f2, 1.0::real AS sim, a.n AS n1, a.n AS n2
                     FROM cxm_dedup_names a WHERE a.n > 1
                   UNION ALL
                   SELECT a.fname, b.fname, similarity(a.fname, b.fname), a.n, b.n
                     FROM unnest(%s::text[], %s::text[]) AS c(f1, f2)
                     JOIN cxm_dedup_names a ON a.fname = c.f1
                     JOIN cxm_dedup_names b ON b.fname = c.f2
                    WHERE c.f1 %% c.f2;
                   ANALYZE cxm_dedup_edges;""",
                left_names,
                right_names,
            )
        )
        conditions = SQL(
            """(e.f1 <> e.f2 OR p.id < q.id) AND p.id <> q.id
               AND q.is_company = p.is_company
               AND p.id IS DISTINCT FROM q.parent_id AND q.id IS DISTINCT FROM p.parent_id
               AND (p.city = '' OR q.city = '' OR p.city = q.city)
               AND (p.country_id IS NULL OR q.country_id IS NULL OR p.country_id = q.country_id)
               AND (p.parent_id IS NULL OR q.parent_id IS NULL OR p.commercial_partner_id = q.commercial_partner_id)"""
        )
        cr.execute(
            SQL(
                """SELECT p.id, q.id, e.sim, 'city', p.country_id = q.country_id
                     FROM cxm_dedup_edges e
                     JOIN cxm_dedup_scope p ON p.fname = e.f1 AND p.city <> '' AND p.in_city <= 2
                     JOIN cxm_dedup_scope q ON q.fname = e.f2 AND q.city = p.city AND q.in_city <= 2
                    WHERE %(conditions)s
                UNION ALL
                   SELECT p.id, q.id, e.sim, 'company', p.country_id = q.country_id
                     FROM cxm_dedup_edges e
                     JOIN cxm_dedup_scope p ON p.fname = e.f1 AND p.parent_id IS NOT NULL
                     JOIN cxm_dedup_scope q ON q.fname = e.f2 AND q.parent_id IS NOT NULL
                                           AND q.commercial_partner_id = p.commercial_partner_id
                    WHERE %(conditions)s
                UNION ALL
                   SELECT p.id, q.id, e.sim, 'address', p.country_id = q.country_id
                     FROM cxm_dedup_edges e
                     JOIN cxm_dedup_scope p ON p.fname = e.f1 AND p.zip <> ''
                     JOIN cxm_dedup_scope q ON q.fname = e.f2 AND q.zip = p.zip
                    WHERE %(conditions)s
                UNION ALL
                   SELECT p.id, q.id, e.sim, 'address', p.country_id = q.country_id
                     FROM cxm_dedup_edges e
                     JOIN cxm_dedup_scope p ON p.fname = e.f1 AND p.street <> ''
                     JOIN cxm_dedup_scope q ON q.fname = e.f2 AND q.street = p.street
                    WHERE %(conditions)s
                UNION ALL
                   SELECT p.id, q.id, e.sim, 'rare', p.country_id = q.country_id
                     FROM cxm_dedup_edges e
                     JOIN cxm_dedup_scope p ON p.fname = e.f1
                     JOIN cxm_dedup_scope q ON q.fname = e.f2
                    WHERE e.n1 <= %(common)s AND e.n2 <= %(common)s AND %(conditions)s""",
                conditions=conditions,
                common=COMMON_NAME,
            )
        )
        rows = cr.fetchall()
        cr.execute(SQL("DROP TABLE IF EXISTS cxm_dedup_scope, cxm_dedup_names, cxm_dedup_edges"))
        cr.execute(SQL("SELECT set_config('pg_trgm.similarity_threshold', %s, TRUE)", previous))
        candidates = {}
        for left, right, sim, block, same_country in rows:
            pair = (min(left, right), max(left, right))
            found = candidates.setdefault(pair, [sim, set(), False])
            found[0] = max(found[0], sim)
            found[1].add(block)
            found[2] = found[2] or bool(same_country)
        if not candidates:
            return {}
        ids = list({pid for pair in candidates for pid in pair})
        self.env["cxm.partner.identity"].flush_model()  # keys of partners changed in this transaction
        cr.execute(
            SQL(
                """SELECT partner_id, key_type, array_agg(value) FROM cxm_partner_identity
                    WHERE partner_id = ANY(%s) AND key_type IN ('national_id', 'vat', 'email', 'phone')
                 GROUP BY partner_id, key_type""",
                ids,
            )
        )
        keys = {}
        for partner_id, key_type, values in cr.fetchall():
            keys.setdefault(partner_id, {})[key_type] = set(values)
        labels = {
            "city": self.env._("same city"),
            "company": self.env._("same company"),
            "address": self.env._("same address"),
            "country": self.env._("same country"),
            "keys": self.env._("no conflicting keys"),
        }

        def conflicting(left, right, types=("national_id", "vat", "email", "phone")):
            keys_left, keys_right = keys.get(left, {}), keys.get(right, {})
            return {
                key_type
                for key_type in types
                if keys_left.get(key_type)
                and keys_right.get(key_type)
                and not keys_left[key_type] & keys_right[key_type]
            }

        accepted, weak = [], {}
        for (left, right), (sim, blocks, same_country) in candidates.items():
            conflicts = conflicting(left, right)
            if conflicts & {"national_id", "vat"}:
                continue  # two different ids are two customers
            vouched = bool(blocks & {"company", "address"})
            if conflicts and not vouched:
                continue  # other e-mails or phones: only the same address or company vouches
            strong = [name for name in ("city", "company", "address") if name in blocks]
            evidence = list(strong) or (["country"] if same_country else [])
            if not conflicts:
                evidence.append("keys")
            score = round(min(0.75, 0.3 + 0.3 * sim + 0.05 * len(strong)), 2)
            reason = ", ".join(
                [
                    self.env._("similar names: %(similarity)s", similarity=f"{sim:.2f}"),
                    *(labels[name] for name in evidence),
                ]
            )
            accepted.append(((left, right), (score, reason, "name", vouched)))
            if not vouched:
                level = "city" if strong else "rare"
                weak.setdefault(left, {}).setdefault(level, set()).add(right)
                weak.setdefault(right, {}).setdefault(level, set()).add(left)
        # a customer matching by name and city alone (or, with no such match, by a
        # rare name alone) two customers who cannot be the same person (other
        # e-mails, phones or ids) is ambiguous: no such pair for it
        dropped = set()
        for partner_id, levels in weak.items():
            city, rare = sorted(levels.get("city", ())), sorted(levels.get("rare", ()))
            if city:
                # a match in the same city outweighs rare-name matches elsewhere
                drop = rare + city if any(conflicting(a, b) for a, b in itertools.combinations(city, 2)) else rare
            else:
                drop = rare if any(conflicting(a, b) for a, b in itertools.combinations(rare, 2)) else []
            dropped.update((min(partner_id, other), max(partner_id, other)) for other in drop)
        accepted = [(pair, value) for pair, value in accepted if value[3] or pair not in dropped]
        # each customer keeps its best few pairs: a common name never fans out
        accepted.sort(key=lambda item: (-item[1][0], item[0]))
        degree, pairs = {}, {}
        for (left, right), pair in accepted:
            if degree.get(left, 0) < NAME_NEIGHBOURS and degree.get(right, 0) < NAME_NEIGHBOURS:
                degree[left] = degree.get(left, 0) + 1
                degree[right] = degree.get(right, 0) + 1
                pairs[(left, right)] = pair
        return pairs

    @api.model
    def _cxm_name_candidates(self, names):
        """Pairs of distinct folded names worth a trigram comparison, found by
        hashing instead of comparing all pairs (or probing a trigram index per
        name, measured at 1.8 ms a name on 200,000 customers): names with the
        same words in any order or punctuation, one word with a letter more,
        less or changed (not digits), or one word (of three or more) left out.
        Buckets larger than ``NAME_BUCKET`` (very common spellings) are
        skipped, and at most ``MAX_CANDIDATES`` pairs are made (variants are
        hashed: a collision only costs a comparison)."""
        exact, deletions, dropped = {}, {}, {}
        for fname in names:
            words = sorted(word for word in re.split(r"\W+", fname) if word)
            if not words:
                continue
            exact.setdefault(hash(" ".join(words)), []).append(fname)
            for index, word in enumerate(words):
                others = words[:index] + words[index + 1 :]
                if len(words) >= 3:
                    dropped.setdefault(hash(" ".join(others)), []).append(fname)
                if len(word) >= 4 and word.isalpha():  # numbers must match as written
                    for cut in range(len(word)):
                        variant = " ".join(sorted([*others, word[:cut] + word[cut + 1 :]]))
                        deletions.setdefault(hash(variant), []).append(fname)
        pairs = set()

        def add(lefts, rights):
            if len(lefts) * len(rights) <= NAME_BUCKET * NAME_BUCKET and len(pairs) < MAX_CANDIDATES:
                pairs.update((min(a, b), max(a, b)) for a in lefts for b in rights if a != b)

        for key, fnames in exact.items():
            add(fnames, fnames)  # same words, other order or punctuation
            add(fnames, deletions.get(key, ()))  # a letter more in one word
            add(fnames, dropped.get(key, ()))  # a word more
        for fnames in deletions.values():
            if len(fnames) > 1:
                add(fnames, fnames)  # a letter changed (or more/less) in one word
        if len(pairs) >= MAX_CANDIDATES:
            _logger.info("similar names: more than %s candidate pairs, the rest is left out", MAX_CANDIDATES)
        pairs = sorted(pairs)
        return [pair[0] for pair in pairs], [pair[1] for pair in pairs]
