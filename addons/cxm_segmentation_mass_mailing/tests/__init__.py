from . import test_segment_campaign, test_ui
