from . import (
    cxm_kpi_run,
    cxm_segment,
    cxm_segment_history,
    cxm_segment_member,
    cxm_segmentation,
    res_partner,
)
