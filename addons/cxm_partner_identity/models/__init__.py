from . import cxm_partner_identity, res_partner
