from . import (
    cxm_channel_intake,
    cxm_channel_message,
    cxm_consent_code,
    cxm_consent_code_attempt,
    cxm_consent_event,
    cxm_consent_state,
    res_partner,
)
