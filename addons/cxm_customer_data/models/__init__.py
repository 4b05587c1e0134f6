# the parts of the pipeline before the model that combines them
from . import (  # isort: skip
    cxm_duplicate_pairs,
    cxm_customer_pipeline_precompute,
    cxm_customer_pipeline_transactions,
    cxm_customer_pipeline_upsert,
    cxm_customer_pipeline_writers,
)
from . import (
    cxm_customer_attribute,
    cxm_customer_import,
    cxm_customer_import_chunk,
    cxm_customer_import_row,
    cxm_customer_pipeline,
    cxm_customer_transaction,
    cxm_customer_upsert_request,
    cxm_duplicate_group,
    cxm_field_service,
    cxm_lookup_cache,
    cxm_lookup_connector,
    cxm_merge_log,
    cxm_partner_identity,
    cxm_reverse_transfer,
    fastapi_endpoint,
    helpdesk_ticket,
    res_company,
    res_partner,
)

# isort: split
from . import cxm_customer_import_queue, cxm_integration_instance_import, cxm_ticket_reference
