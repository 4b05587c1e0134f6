from . import (
    cxm_consent_event,
    cxm_consent_iys_push,
    cxm_consent_iys_reconcile,
    cxm_consent_iys_reconcile_line,
    cxm_consent_iys_sync,
    cxm_integration_instance,
    cxm_integration_outbox,
)
