from . import (
    cxm_implementation_document,
    cxm_implementation_key_point,
    cxm_implementation_key_user,
    cxm_implementation_snapshot,
    cxm_implementation_step,
    cxm_implementation_test_run,
    cxm_implementation_test_scenario,
    project_milestone,
    project_project,
)
