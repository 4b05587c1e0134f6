from . import (
    cxm_segmentation,
    cxm_segment,
    cxm_segment_member,
    cxm_segment_history,
    cxm_kpi_run,
    res_partner,
)
