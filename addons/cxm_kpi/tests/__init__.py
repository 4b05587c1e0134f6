from . import test_kpi_import, test_kpi_random, test_kpi_recompute, test_kpi_values, test_ui
