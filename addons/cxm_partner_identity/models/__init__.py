# the part before the model that combines it
from . import cxm_partner_identity_sync  # isort: skip
from . import cxm_partner_identity, res_partner
