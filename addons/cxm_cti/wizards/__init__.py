from . import cxm_cti_quick_partner
