from . import test_crm_process
