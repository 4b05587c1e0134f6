from . import test_segment_campaign
