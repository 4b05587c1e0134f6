# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import hashlib
import json
import logging
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import requests

from odoo import api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

KINDS = [
    ("customer", "Customer"),
    ("purchase", "Product / service purchases"),
    ("order", "Orders and deliveries"),
    ("account", "Financial products / accounts"),
    ("transaction", "Account transactions"),
    ("store", "Stores and personnel"),
    ("field_service", "Field-service records"),
]
MAX_ROWS = 50
MAX_PARALLEL = 8


def _dig(data, path):
    """Value at a dotted path ('data.items', 'customer.0.name'); None if absent."""
    for part in [p for p in (path or "").split(".") if p]:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


class CxmLookupConnector(models.Model):
    """A declarative live look-up in an external system: URL template,
    authentication, parameters taken from the customer, and the JSON paths of
    the columns to show. No code per customer system."""

    _name = "cxm.lookup.connector"
    _description = "External Look-up Connector"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(KINDS, required=True, default="customer")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    url_template = fields.Char(
        string="URL Template",
        required=True,
        help="e.g. https://erp.example.com/api/customers/{national_id}/orders - {x} is the parameter x.",
    )
    method = fields.Selection([("GET", "GET"), ("POST", "POST")], default="GET", required=True)
    auth_type = fields.Selection(
        [("none", "None"), ("basic", "Basic"), ("bearer", "Bearer token"), ("api_key", "API key header")],
        default="none",
        required=True,
    )
    auth_user = fields.Char(groups="cxm_base.group_cxm_manager")
    auth_secret = fields.Char(groups="cxm_base.group_cxm_manager", help="Password, token or API key.")
    api_key_header = fields.Char(default="X-API-Key", groups="cxm_base.group_cxm_manager")
    parameter_map = fields.Json(
        default=lambda self: {"national_id": "cxm_national_id"},
        help='Parameters taken from the customer or the ticket: {"parameter": "source"}, where the source is a '
        'customer field ("cxm_national_id", "parent_id.vat"), "partner.<field>" or "ticket.<field>" '
        '(e.g. "ticket.number"; only when asked from a ticket).',
    )
    response_path = fields.Char(help="Dotted JSON path to the list of rows (empty: the whole answer).")
    column_map = fields.Json(
        default=lambda self: [{"label": "Id", "path": "id"}],
        help='Columns to show: [{"label": "Order", "path": "order.number"}, ...].',
    )
    reference_path = fields.Char(
        help="Dotted JSON path, in one row, of its external id when the row is attached to a ticket "
        "(empty: the first column)."
    )
    timeout = fields.Float(default=3.0, help="Seconds before the panel says the service is not answering.")
    cache_seconds = fields.Integer(default=300)

    @api.constrains("timeout", "url_template", "parameter_map", "column_map")
    def _check_definition(self):
        for connector in self:
            if not 0 < connector.timeout <= 30:
                raise ValidationError(self.env._("The timeout must be between 0 and 30 seconds."))
            if not connector.url_template.startswith(("http://", "https://")):
                raise ValidationError(self.env._("The URL must start with http:// or https://."))
            if not isinstance(connector.parameter_map or {}, dict):
                raise ValidationError(self.env._("The parameter map must be an object."))
            columns = connector.column_map or []
            if not isinstance(columns, list) or not all(isinstance(c, dict) and c.get("path") for c in columns):
                raise ValidationError(self.env._("The column map must be a list of {label, path}."))

    # ------------------------------------------------------------ calls
    @api.model
    def _cxm_param_value(self, partner, ticket, source):
        """Value of one parameter source ("field", "a_field.sub_field",
        "partner.field" or "ticket.field"); None when absent."""
        parts = [p for p in str(source or "").split(".") if p]
        record = partner
        if parts and parts[0] in ("partner", "ticket"):
            record = ticket if parts.pop(0) == "ticket" else partner
        if not parts or record is None or len(record) != 1:
            return None
        value = record
        for part in parts:
            if not isinstance(value, models.BaseModel) or part not in value._fields or len(value) != 1:
                return None
            value = value[part]
        value = value.display_name if isinstance(value, models.BaseModel) else value
        return None if value in (False, None, "") else str(value)

    def _cxm_request(self, partner, ticket=None):
        """(url, params dict) for ``partner`` (and ``ticket`` when asked from
        a ticket); None when a parameter is missing."""
        self.ensure_one()
        params = {}
        for name, source in (self.parameter_map or {}).items():
            value = self._cxm_param_value(partner, ticket, source)
            if value is None:
                return None
            params[name] = value
        try:
            url = self.url_template.format_map({k: urllib.parse.quote(v, safe="") for k, v in params.items()})
        except (KeyError, ValueError, IndexError):
            return None
        return url, params

    def _cxm_fetch(self, partner, ticket=None):
        """One panel: {connector_id, name, kind, ok, message, columns, rows,
        raw_rows}. Never raises for a failing service; answers are cached
        ``cache_seconds``. ``raw_rows`` (the rows as the service sent them)
        is internal: public methods drop it."""
        self.ensure_one()
        return self._cxm_fetch_all(partner, ticket)[0]

    def _cxm_fetch_all(self, partner, ticket=None):
        """The panels of these connectors, in order. The services not in
        the cache are asked at the same time (threads doing only HTTP), so the
        dialog waits for the slowest one, at most its timeout, not for the
        sum of them."""
        Cache = self.env["cxm.lookup.cache"].sudo()
        panels, pending = [], {}
        for connector in self:
            panel = {
                "connector_id": connector.id,
                "name": connector.name,
                "kind": connector.kind,
                "ok": False,
                "message": "",
                "columns": [],
                "rows": [],
                "raw_rows": [],
            }
            panels.append(panel)
            request = connector._cxm_request(partner, ticket)
            if not request:
                if ticket is not None:
                    panel["message"] = self.env._("Not enough data on the ticket or its customer to ask this service.")
                else:
                    panel["message"] = self.env._("Not enough data on the customer to ask this service.")
                continue
            url, params = request
            cache_key = hashlib.sha256(json.dumps([connector.id, url, params], sort_keys=True).encode()).hexdigest()
            fresh_after = fields.Datetime.now() - timedelta(seconds=connector.cache_seconds)
            cached = Cache.search([("cache_key", "=", cache_key), ("fetched_at", ">=", fresh_after)], limit=1)
            if cached:
                connector._cxm_shape(panel, cached.payload)
            else:
                pending[len(panels) - 1] = (connector, cache_key, connector._cxm_http_spec(url, params))
        if not pending:
            return panels
        with ThreadPoolExecutor(max_workers=min(MAX_PARALLEL, len(pending))) as pool:
            futures = {index: pool.submit(_http_call, **spec) for index, (_c, _k, spec) in pending.items()}
        for index, future in futures.items():
            connector, cache_key, _spec = pending[index]
            panel = panels[index]
            try:
                data = future.result()
            except requests.Timeout:
                panel["message"] = self.env._(
                    "%(name)s did not answer within %(s)s s.", name=connector.name, s=connector.timeout
                )
                continue
            except requests.HTTPError as error:
                panel["message"] = self.env._(
                    "%(name)s answered with an error (HTTP %(code)s).",
                    name=connector.name,
                    code=error.response.status_code,
                )
                continue
            except (requests.JSONDecodeError, ValueError):
                panel["message"] = self.env._("%(name)s answered something that is not JSON.", name=connector.name)
                continue
            except requests.RequestException:
                panel["message"] = self.env._("%(name)s cannot be reached.", name=connector.name)
                continue
            Cache.search([("cache_key", "=", cache_key)]).unlink()
            Cache.create({"connector_id": connector.id, "cache_key": cache_key, "payload": data})
            connector._cxm_shape(panel, data)
        return panels

    def _cxm_shape(self, panel, data):
        """Fill ``panel`` with the rows and columns of the answer ``data``."""
        self.ensure_one()
        rows = _dig(data, self.response_path) if self.response_path else data
        if isinstance(rows, dict):
            rows = [rows]
        if not isinstance(rows, list):
            panel["message"] = self.env._("%(name)s answered in an unexpected shape.", name=self.name)
            return
        columns = self.column_map or []
        panel.update(
            ok=True,
            columns=[c.get("label") or c["path"] for c in columns],
            rows=[[_dig(row, c["path"]) for c in columns] for row in rows[:MAX_ROWS]],
            raw_rows=rows[:MAX_ROWS],
            message="" if rows else self.env._("Nothing found."),
        )

    def _cxm_row_reference(self, panel, index):
        """Values of a ``cxm.ticket.reference`` for row ``index`` of ``panel``."""
        self.ensure_one()
        raw = panel["raw_rows"][index]
        shown = panel["rows"][index]
        external_id = _dig(raw, self.reference_path) if self.reference_path else (shown[0] if shown else None)
        label = " · ".join(
            f"{column}: {value}" for column, value in zip(panel["columns"], shown, strict=False) if value is not None
        )
        return {
            "connector_id": self.id,
            "kind": self.kind,
            "label": (label or self.name)[:500],
            "external_id": "" if external_id is None else str(external_id)[:200],
            "data": raw,
        }

    def _cxm_http_spec(self, url, params):
        """Keyword arguments of ``_http_call`` for this connector (read here,
        in the request's thread: the HTTP threads never touch the database)."""
        self.ensure_one()
        secret = self.sudo().auth_secret or ""
        headers = {"Accept": "application/json"}
        if self.auth_type == "basic":
            token = base64.b64encode(f"{self.sudo().auth_user or ''}:{secret}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        elif self.auth_type == "bearer":
            headers["Authorization"] = f"Bearer {secret}"
        elif self.auth_type == "api_key":
            headers[self.sudo().api_key_header or "X-API-Key"] = secret
        return {"method": self.method, "url": url, "params": params, "headers": headers, "timeout": self.timeout}

    def _cxm_call(self, url, params):
        """The HTTP call itself (timeout always set). Returns parsed JSON."""
        return _http_call(**self._cxm_http_spec(url, params))


def _http_call(method, url, params, headers, timeout):
    if method == "GET":
        response = requests.get(url, params=None, headers=headers, timeout=timeout)
    else:
        response = requests.post(url, json=params, headers=headers, timeout=timeout)
    response.raise_for_status()
    return response.json()
