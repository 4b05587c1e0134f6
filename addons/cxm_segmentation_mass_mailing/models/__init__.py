from . import cxm_segment, cxm_segmentation, mailing_list, mailing_trace
