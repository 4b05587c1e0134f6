# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, models
from odoo.api import NewId
from odoo.exceptions import MissingError

#: types of the stored computed fields of other modules computed before the insert (see _precompute_others)
PRECOMPUTED_TYPES = {"char", "selection", "boolean", "integer", "float", "monetary", "date", "datetime", "many2one"}


class CxmCustomerPipelinePrecompute(models.AbstractModel):
    """Stored fields of other modules computed before the set-based insert, once per distinct input."""

    _name = "cxm.customer.pipeline.precompute"
    _description = "Customer upsert: stored fields computed before the insert"

    @api.model
    def _precompute_others(self, columns, vals_list, row_base, handled):
        """The stored fields other modules compute on res.partner (Peppol
        address, ...) are computed before the INSERT, on new records made of
        the values given, as Odoo computes its ``precompute`` fields before
        an insert: the INSERT writes them, instead of an UPDATE of every row
        right after it: ``columns`` gets a list of values (one per row) for
        each field computed here. Returns the fields left to the ORM after
        the insert (translated, JSON, binary or relational values, or a
        computation that needs the stored record).

        Each computation runs once per distinct combination of the values it
        depends on (``_precompute_inputs``: e.g. the country and the tax id
        for the Peppol fields), on one new record per combination, and its
        values are copied to the rows of that combination. A computation
        that reads a field of the record outside its dependencies is computed
        row by row instead (``_precompute_group``)."""
        Partner = self.env["res.partner"]
        others = [
            field
            for name, field in Partner._fields.items()
            if field.store and field.compute and name not in handled and field.name not in models.MAGIC_COLUMNS
        ]
        simple = [
            field
            for field in others
            if field.type in PRECOMPUTED_TYPES
            and field.column_type
            and field.column_type[0] != "jsonb"  # translated or company-dependent values
        ]
        if not simple or not vals_list:
            return others
        given = list({**dict.fromkeys(name for vals in vals_list for name in vals), **dict.fromkeys(row_base)})
        # fields computed by the same method are computed together
        groups = defaultdict(list)
        for field in simple:
            groups[field.compute].append(field)
        values = {}
        try:
            for fields_ in groups.values():
                inputs = self._precompute_inputs(fields_, given)
                column = self._precompute_group(fields_, vals_list, row_base, given, inputs)
                if column is None:  # reads a field it does not depend on: row by row
                    column = self._precompute_group(fields_, vals_list, row_base, given, None)
                values.update(column)
        except MissingError:
            return others  # a computation reads the stored record: after the insert, as before
        later = [field for field in others if field not in values]
        for field, column in values.items():
            if any(isinstance(value, NewId) for value in column):
                later.append(field)
                continue
            columns[field.name] = column
        return later

    @api.model
    def _precompute_inputs(self, fields_, given):
        """``([fields of given], {fields})``: the fields the computation of
        ``fields_`` may read (``fields_`` themselves, the first field of each
        dependency path, and those of the computed fields it depends on,
        transitively: a related record, e.g. the parent, is the same stored
        record for the same id), and those of them that are ``given``."""
        Partner = self.env["res.partner"]
        depends = self.env.registry.field_depends
        # a value given for a computed field itself is kept, as on any new record
        names, seen, stack = {field.name for field in fields_}, set(fields_), list(fields_)
        while stack:
            for path in depends[stack.pop()]:
                dep = Partner._fields[path.split(".", 1)[0]]
                names.add(dep.name)
                if dep.compute and dep not in seen:
                    seen.add(dep)
                    stack.append(dep)
        return [name for name in given if name in names], names

    @api.model
    def _precompute_group(self, fields_, vals_list, row_base, given, inputs):
        """``{field: [value per row]}`` for the fields of one computation.
        With ``inputs`` (``([given fields it depends on], {every field it may
        read})``), one new record per distinct combination of those given
        values, holding only them; returns None if the computation read any
        other field of the record (an undeclared dependency: the same
        computation on a row of that combination could give another value).
        Without, one new record per row holding every given value, as the
        ORM's new records."""
        Partner = self.env["res.partner"]
        if inputs is None:
            names, readable = given, None
            keys = range(len(vals_list))
            firsts = list(keys)
        else:
            names, readable = inputs
            keys, firsts, seen = [], [], {}
            for index, vals in enumerate(vals_list):
                key = tuple(vals.get(name, row_base.get(name)) for name in names)
                try:
                    position = seen.setdefault(key, len(seen))
                except TypeError:  # an unhashable value: no sharing
                    return self._precompute_group(fields_, vals_list, row_base, given, None)
                if position == len(firsts):
                    firsts.append(index)
                keys.append(position)
        news = Partner.browse([NewId() for _index in firsts])
        for name in names:
            field = Partner._fields[name]
            column = [vals_list[i].get(name, row_base.get(name)) for i in firsts]
            field._insert_cache(news, [field.convert_to_cache(value, news, validate=False) for value in column])
        computed = {field: [field.convert_to_write(record[field.name], record) for record in news] for field in fields_}
        undeclared = readable is not None and self._precompute_read_other(news, readable | {f.name for f in fields_})
        news.invalidate_recordset(flush=False)
        if undeclared:
            return None
        if inputs is None:
            return computed
        return {field: [column[position] for position in keys] for field, column in computed.items()}

    @api.model
    def _precompute_read_other(self, news, allowed):
        """Whether a field of ``news`` other than ``allowed`` is in the cache
        (in any context): read, or computed, by the computation just run."""
        ids = set(news._ids)
        depends_context = self.env._field_depends_context
        for field, cache in self.env.transaction.field_data.items():
            if field.model_name != "res.partner" or field.name in allowed or not cache:
                continue
            caches = cache.values() if field in depends_context else (cache,)
            if any(not ids.isdisjoint(ids_cache) for ids_cache in caches):
                return True
        return False
