from . import cxm_segment, cxm_segmentation, mailing_contact, mailing_list, mailing_trace, res_partner
