from . import test_access, test_context_attacks, test_design, test_engine, test_sla_automation, test_ui
