# isort: skip_file
# (the 360dialog adapter inherits the Cloud API one: it is loaded after it)
from . import (
    cxm_channel_adapter_whatsapp_meta,
    cxm_channel_adapter_whatsapp_d360,
    cxm_integration_instance,
    cxm_whatsapp_template,
    fastapi_endpoint,
)
