# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Context flags that only the server's own code can set.

A remote caller controls the whole context of an RPC call: JSON-RPC, XML-RPC
and JSON-2 all accept ``context`` with any key and any JSON value. A context
key that skips a check (a guard, a group, routing, logging) would therefore
hand that skip to every caller. The suite never reads such a key as a plain
value: code that needs an internal flag sets it with :func:`internal` and
reads it with :func:`internal_value`. The value is an instance of
:class:`InternalFlag`, which no JSON or XML-RPC document can produce, so a
flag sent by a caller reads as absent.

    records.with_context(cxm_process_bypass=internal()).write(vals)
    if internal_value(self.env.context, "cxm_process_bypass"): ...

``tests/test_context_keys.py`` of ``cxm_base`` lists every context key the
suite reads; a new key must be added there with the reason it is harmless.
"""


class InternalFlag:
    """A context value set by server code (never built from request data)."""

    __slots__ = ("value",)

    def __init__(self, value=True):
        self.value = value

    def __repr__(self):
        return f"InternalFlag({self.value!r})"


def internal(value=True):
    """Wrap ``value`` so that :func:`internal_value` honours it."""
    return InternalFlag(value)


def internal_value(context, key, default=None):
    """Value of the internal flag ``key`` of ``context``; ``default`` when absent or sent by a caller."""
    value = context.get(key)
    return value.value if isinstance(value, InternalFlag) else default
