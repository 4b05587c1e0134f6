from . import (
    test_dedup,
    test_import,
    test_lookup_connector,
    test_pipeline,
    test_pipeline_precompute,
    test_pipeline_queries,
    test_rest_field_service,
    test_rest_upsert,
    test_reverse_transfer,
    test_ui,
)

# isort: split
from . import test_import_files, test_import_queue, test_import_staging, test_ticket_lookup
