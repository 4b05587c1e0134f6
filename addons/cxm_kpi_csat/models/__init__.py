from . import cxm_kpi, cxm_kpi_engine
