from . import (
    cxm_channel_adapter_sms,
    cxm_integration_instance,
    fastapi_endpoint,
    res_company,
    res_config_settings,
    sms_sms,
    sms_tracker,
)
