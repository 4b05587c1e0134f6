from . import test_kpi_sale
