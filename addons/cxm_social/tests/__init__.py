from . import test_complaint_site, test_tracking, test_ui
