# Copyright 2026 CXM for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 20


class HelpCentreFixture:
    """A team, a routing rule and one category form with every field type and a conditional field."""

    @classmethod
    def _help_setup(cls):
        env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.team = env["helpdesk.ticket.team"].create({"name": "Help Returns Team"})
        cls.category = env["helpdesk.ticket.category"].create({"name": "Help Returns", "show_in_portal": True})
        cls.hidden_category = env["helpdesk.ticket.category"].create({"name": "Help Internal", "show_in_portal": False})
        env["cxm.helpdesk.routing.rule"].create(
            {"name": "Help returns", "category_id": cls.category.id, "team_id": cls.team.id}
        )
        Field = env["cxm.selfservice.form.field"]
        common = {"category_id": cls.category.id}
        cls.f_subject = Field.create(
            {**common, "sequence": 1, "label": "Subject", "key": "subject", "target": "name", "required": True}
        )
        cls.f_amount = Field.create(
            {**common, "sequence": 2, "label": "Amount", "key": "amount", "field_type": "number"}
        )
        cls.f_date = Field.create(
            {**common, "sequence": 3, "label": "Bought on", "key": "bought", "field_type": "date"}
        )
        cls.f_reason = Field.create(
            {
                **common,
                "sequence": 4,
                "label": "Reason",
                "key": "reason",
                "field_type": "selection",
                "options": "Wrong size\nOther",
                "required": True,
            }
        )
        cls.f_other = Field.create(
            {
                **common,
                "sequence": 5,
                "label": "Tell us more",
                "key": "other_reason",
                "required": True,
                "visible_field_id": cls.f_reason.id,
                "visible_value": "Other",
            }
        )
        cls.f_gift = Field.create({**common, "sequence": 6, "label": "A gift", "key": "gift", "field_type": "boolean"})
        cls.f_details = Field.create(
            {**common, "sequence": 7, "label": "Details", "key": "details", "field_type": "textarea"}
        )
        cls.f_receipt = Field.create(
            {**common, "sequence": 8, "label": "Receipt", "key": "receipt", "field_type": "file"}
        )
        cls.article = env["cxm.knowledge.article"].create(
            {
                "name": "Why the colour looks different on screen",
                "body": "<p>Screens show colours differently.</p>",
                "is_published": True,
                "lang": "en_US",
            }
        )
        cls.portal_user = new_test_user(env, "help_portal_a", groups="base.group_portal", email="a.portal@example.com")
        cls.portal_user_b = new_test_user(
            env, "help_portal_b", groups="base.group_portal", email="b.portal@example.com"
        )

    @classmethod
    def _valid_params(cls, **extra):
        return {
            "subject": "Shoes too small",
            "amount": "499,90",
            "bought": "2026-11-20",
            "reason": "Wrong size",
            "details": "Size 42 instead of 43",
            "name": "Ayşe Yılmaz",
            "email": "ayse.help@example.com",
            **extra,
        }
