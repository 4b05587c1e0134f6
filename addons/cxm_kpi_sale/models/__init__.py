from . import account_move, cxm_kpi, cxm_kpi_engine, cxm_kpi_run, sale_order
