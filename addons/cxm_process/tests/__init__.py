from . import (
    test_access,
    test_batch_moves,
    test_context_attacks,
    test_customer_language,
    test_design,
    test_engine,
    test_move_rows,
    test_newcomer_fixes,
    test_sla_automation,
    test_ui,
)
