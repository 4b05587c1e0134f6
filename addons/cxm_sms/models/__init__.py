from . import cxm_integration_instance, fastapi_endpoint, res_company, res_config_settings, sms_sms, sms_tracker
