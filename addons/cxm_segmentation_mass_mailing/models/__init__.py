from . import cxm_segment, mailing_mailing, mailing_trace
