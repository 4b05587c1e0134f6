from . import (
    cxm_integration_api_key,
    cxm_integration_event,
    cxm_integration_instance,
    cxm_integration_log,
    cxm_integration_outbox,
    cxm_integration_rate_bucket,
    fastapi_endpoint,
    res_lang,
)
