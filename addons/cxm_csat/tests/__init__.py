from . import test_csat, test_rating_page
