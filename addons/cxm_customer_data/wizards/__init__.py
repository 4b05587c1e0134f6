from . import cxm_customer_import_wizard, cxm_lookup_panel_wizard
