from . import cxm_integration_instance
