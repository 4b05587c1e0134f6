from . import cxm_cti_call
