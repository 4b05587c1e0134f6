from . import test_csat, test_csat_sms, test_csat_whatsapp, test_rating_page
