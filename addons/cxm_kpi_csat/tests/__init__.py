from . import test_kpi_csat
