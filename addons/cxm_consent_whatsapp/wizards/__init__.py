from . import cxm_whatsapp_template_send
