from . import cxm_integration_api_key_generate
