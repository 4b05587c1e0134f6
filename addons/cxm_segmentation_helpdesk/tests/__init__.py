from . import test_segment_routing
