from . import (
    cxm_customer_transaction,
    cxm_kpi,
    cxm_kpi_demo,
    cxm_kpi_run,
    cxm_kpi_sql,
    cxm_kpi_value,
    cxm_kpi_write,
    helpdesk_ticket_category,
    res_partner,
)
