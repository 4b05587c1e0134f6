from . import cxm_call_list, cxm_call_list_line
