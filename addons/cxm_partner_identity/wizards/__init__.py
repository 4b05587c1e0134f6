from . import base_partner_merge
