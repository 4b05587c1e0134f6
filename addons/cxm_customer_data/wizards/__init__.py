from . import cxm_customer_import_wizard
