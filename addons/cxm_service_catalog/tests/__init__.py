from . import (
    test_access,
    test_catalog_data,
    test_certification,
    test_delivery,
    test_integration_plan,
    test_public_page,
    test_training,
    test_ui,
    test_units,
)
